# Endpoints and statuses of WeChat Pay API v3 (direct merchant), as documented on
# https://pay.weixin.qq.com/doc/v3/merchant/ (Native, H5, JSAPI payments, refunds).

# WeChat Pay has no sandbox for API v3: test mode talks to the production API with
# a test merchant's credentials; the host can be changed for a mock server.
API_URL = "https://api.mch.weixin.qq.com"
API_URL_BACKUP = "https://api2.mch.weixin.qq.com"

WEBHOOK_ROUTE = "/payment/wechatpay/webhook"
REFUND_WEBHOOK_ROUTE = "/payment/wechatpay/webhook/refund"
CHECKOUT_ROUTE = "/payment/wechatpay/checkout"
POLL_ROUTE = "/payment/wechatpay/poll"

AUTH_SCHEMA = "WECHATPAY2-SHA256-RSA2048"

# A notification or a response older (or newer) than this is refused, in seconds.
SIGNATURE_MAX_AGE = 300

# An order left unpaid this long is closed (minutes); WeChat's own limit is 2 hours
# for Native orders, we keep ours shorter and set time_expire accordingly.
ORDER_VALIDITY_MINUTES = 30

# The only currency of domestic WeChat Pay payments.
SUPPORTED_CURRENCIES = ("CNY",)

DEFAULT_PAYMENT_METHOD_CODES = {"wechat_pay"}

# trade_state of an order (query and notification) → transaction state. An order not paid
# yet (NOTPAY) leaves the transaction a draft: a pending transaction would stop the payer
# from paying the document another way until the order is closed.
TRANSACTION_STATUS_MAPPING = {
    "draft": ("NOTPAY",),
    "pending": ("USERPAYING", "ACCEPT"),
    "done": ("SUCCESS", "REFUND"),
    "canceled": ("CLOSED", "REVOKED"),
    "error": ("PAYERROR",),
}

# status / refund_status of a refund → transaction state.
REFUND_STATUS_MAPPING = {
    "pending": ("PROCESSING",),
    "done": ("SUCCESS",),
    "error": ("CLOSED", "ABNORMAL"),
}

HANDLED_EVENT_TYPES = ("TRANSACTION.SUCCESS",)
HANDLED_REFUND_EVENT_TYPES = ("REFUND.SUCCESS", "REFUND.ABNORMAL", "REFUND.CLOSED")
