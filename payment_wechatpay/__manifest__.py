{
    "name": "Payment Provider: WeChat Pay",
    "summary": "WeChat Pay API v3 (direct merchant): Native QR code, H5 and JSAPI payments, "
    "refunds, order query",
    "version": "19.0.1.0.0",
    "category": "Accounting/Payment Providers",
    "author": "Property Management Suite",
    "website": "https://github.com/property-management/odoo-property",
    "license": "LGPL-3",
    "depends": ["payment"],
    "external_dependencies": {"python": ["cryptography"]},
    "data": [
        "views/payment_wechatpay_templates.xml",
        "views/payment_provider_views.xml",
        "data/payment_provider_data.xml",
        "data/ir_cron_data.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "assets": {
        "web.assets_frontend": [
            "payment_wechatpay/static/src/js/wechatpay_checkout.js",
            "payment_wechatpay/static/src/scss/wechatpay_checkout.scss",
        ],
    },
    "installable": True,
}
