# Alipay open platform (https://opendocs.alipay.com/open/): gateway, methods, statuses.

GATEWAY_URL = "https://openapi.alipay.com/gateway.do"
SANDBOX_GATEWAY_URL = "https://openapi-sandbox.dl.alipaydev.com/gateway.do"

NOTIFY_ROUTE = "/payment/alipay/notify"
RETURN_ROUTE = "/payment/alipay/return"

ORDER_VALIDITY_MINUTES = 30

SUPPORTED_CURRENCIES = ("CNY",)

DEFAULT_PAYMENT_METHOD_CODES = {"alipay"}

# trade_status (notification and alipay.trade.query) → transaction state. An order not paid
# yet (WAIT_BUYER_PAY) leaves the transaction a draft: a pending transaction would stop the
# payer from paying the document another way until the order is closed.
TRANSACTION_STATUS_MAPPING = {
    "draft": ("WAIT_BUYER_PAY",),
    "done": ("TRADE_SUCCESS", "TRADE_FINISHED"),
    "canceled": ("TRADE_CLOSED",),
}

# The answers an asynchronous notification expects, as plain text.
NOTIFY_SUCCESS = "success"
NOTIFY_FAILURE = "failure"
