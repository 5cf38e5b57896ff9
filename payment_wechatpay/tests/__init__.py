from . import test_wechatpay_provider
from . import test_wechatpay_flows
