from . import controllers
from . import models

from odoo.addons import payment


def post_init_hook(env):
    payment.setup_provider(env, "wechatpay")


def uninstall_hook(env):
    payment.reset_payment_provider(env, "wechatpay")
