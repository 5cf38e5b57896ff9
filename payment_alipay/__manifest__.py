{
    "name": "Payment Provider: Alipay",
    "summary": "Alipay open platform: 电脑网站支付 (page pay) and 手机网站支付 (wap pay), RSA2 "
    "signatures, refunds, order query",
    "version": "19.0.1.0.0",
    "category": "Accounting/Payment Providers",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    "license": "LGPL-3",
    "depends": ["payment"],
    "external_dependencies": {"python": ["cryptography"]},
    "data": [
        "views/payment_alipay_templates.xml",
        "views/payment_provider_views.xml",
        "data/payment_provider_data.xml",
        "data/ir_cron_data.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
