#!/usr/bin/env python3
"""Generate the demo data of property_base: property_base/demo/property_demo.xml.

Two estates of the main company, a residential estate in Shanghai (锦绣花园: six
buildings, underground parking spaces, storerooms) and an office tower with
ground-floor shops in Shenzhen (金融中心), their owners, co-owners, resales,
residents and tenants, a few move-ins, notices and the demo users.

The output is deterministic (fixed random seed, no dates relative to today
except the notices'), so that regenerating it only shows real changes in git.
Run it from the project folder after changing it, and commit both files:

    python3 tools/gen_demo.py            # writes property_base/demo/property_demo.xml
    python3 tools/gen_demo.py --check    # fails if the XML file is not up to date
"""

import argparse
import datetime
import random
import sys
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

SEED = 20240601
OUTPUT = Path(__file__).resolve().parent.parent / "property_base" / "demo" / "property_demo.xml"

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
    ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"),
    ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"),
    ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"),
    ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"),
    ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"), ("彭", "peng"),
    ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
    ("潘", "pan"), ("蒋", "jiang"), ("蔡", "cai"), ("杜", "du"), ("叶", "ye"),
    ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("丁", "ding"), ("沈", "shen"),
    ("任", "ren"), ("姚", "yao"), ("陆", "lu"), ("金", "jin"), ("钱", "qian"),
]  # fmt: skip
GIVEN_NAMES = [
    ("伟", "wei"), ("芳", "fang"), ("敏", "min"), ("静", "jing"), ("强", "qiang"),
    ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
    ("杰", "jie"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀英", "xiuying"),
    ("霞", "xia"), ("平", "ping"), ("桂英", "guiying"), ("建华", "jianhua"),
    ("志强", "zhiqiang"), ("晓燕", "xiaoyan"), ("海燕", "haiyan"), ("建国", "jianguo"),
    ("丹", "dan"), ("萍", "ping"), ("鹏", "peng"), ("辉", "hui"), ("玲", "ling"),
    ("婷", "ting"), ("宇", "yu"), ("浩然", "haoran"), ("子涵", "zihan"), ("欣怡", "xinyi"),
    ("梓轩", "zixuan"), ("雨桐", "yutong"), ("俊杰", "junjie"), ("思远", "siyuan"),
    ("文博", "wenbo"), ("佳怡", "jiayi"), ("国庆", "guoqing"), ("立新", "lixin"),
    ("红梅", "hongmei"), ("春华", "chunhua"), ("晨", "chen"), ("凯", "kai"), ("琳", "lin"),
    ("斌", "bin"), ("慧", "hui"), ("雪梅", "xuemei"), ("志刚", "zhigang"),
]  # fmt: skip
MOBILE_PREFIXES = ["135", "136", "137", "138", "139", "150", "151", "158", "177", "186", "189"]

# (xml id suffix, name, email domain) of the companies in 金融中心
OFFICE_COMPANIES = [
    ("huaxin_invest", "深圳市华信投资有限公司", "huaxin-invest.example.com"),
    ("ruifeng_asset", "前海瑞丰资产管理有限公司", "ruifeng-asset.example.com"),
    ("pengcheng_cpa", "深圳市鹏程会计师事务所", "pengcheng-cpa.example.com"),
    ("zhenghe_law", "广东正和律师事务所", "zhenghe-law.example.com"),
    ("yunqi_tech", "深圳云启科技有限公司", "yunqi-tech.example.com"),
    ("haina_trade", "海纳国际贸易（深圳）有限公司", "haina-trade.example.com"),
    ("nanshan_design", "深圳市南山建筑设计院有限公司", "nanshan-design.example.com"),
    ("xingchen_media", "星辰文化传媒有限公司", "xingchen-media.example.com"),
    ("anxin_insurance", "安信保险经纪有限公司", "anxin-insurance.example.com"),
    ("qianhai_fund", "前海汇智基金管理有限公司", "qianhai-fund.example.com"),
    ("lianchuang_hr", "联创人力资源服务有限公司", "lianchuang-hr.example.com"),
    ("tengyue_edu", "腾跃教育科技有限公司", "tengyue-edu.example.com"),
    ("jiahe_medical", "嘉禾医疗器械有限公司", "jiahe-medical.example.com"),
    ("dongfang_logistics", "东方供应链管理有限公司", "dongfang-logistics.example.com"),
    ("huamei_consult", "华美管理咨询有限公司", "huamei-consult.example.com"),
    ("shenke_energy", "深科新能源有限公司", "shenke-energy.example.com"),
    ("jinqiao_securities", "金桥证券深圳营业部", "jinqiao-securities.example.com"),
    ("bluesea_software", "蓝海软件有限公司", "bluesea-software.example.com"),
]  # fmt: skip
SHOP_TENANTS = [
    ("yunduan_cafe", "云端咖啡", "yunduan-cafe.example.com"),
    ("chenguang_mart", "晨光便利店", "chenguang-mart.example.com"),
    ("yipin_noodles", "一品面馆", "yipin-noodles.example.com"),
    ("lehuo_pharmacy", "乐活大药房", "lehuo-pharmacy.example.com"),
    ("jinqiao_bank", "金桥银行福田支行", "jinqiao-bank.example.com"),
    ("xiaoxing_bakery", "小幸运烘焙", "xiaoxing-bakery.example.com"),
]  # fmt: skip

# Residential buildings of 锦绣花园: (code, entrances, floors, floor plans by position)
# A floor plan is (gross area, layout); position 1 is unit x01, position 2 is x02.
JX_PLANS = {
    "a": [(89.56, "2室2厅1卫"), (128.34, "3室2厅2卫")],
    "b": [(76.82, "2室1厅1卫"), (98.45, "3室2厅1卫")],
    "c": [(118.62, "3室2厅2卫"), (139.27, "4室2厅2卫")],
}
JX_BUILDINGS = [
    ("1", 2, 10, "a"),
    ("2", 2, 10, "b"),
    ("3", 2, 16, "c"),
    ("4", 2, 10, "a"),
    ("5", 3, 10, "b"),
    ("6", 2, 10, "c"),
]
JX_PARKING = 32
JX_STOREROOM_BUILDINGS = ("1", "2")
JX_STOREROOMS_PER_BUILDING = 6
JR_SHOPS = [62.4, 48.5, 55.8, 136.2, 198.6, 88.3, 75.1, 42.6]
JR_OFFICE_FLOORS = range(3, 13)
JR_OFFICE_PLANS = [(412.56, "开放式办公"), (186.3, "开放式办公"), (268.74, "开放式办公")]
JR_TOP_FLOOR_AREA = 586.2  # the twelfth floor is let as a whole

ESTATE_DOCUMENTS = {
    "jx": ["agreement", "covenant", "fire_safety", "renovation", "owner_form"],
    "jr": ["agreement", "fire_safety", "renovation", "owner_form"],
}


class Partner:
    def __init__(self, key, name, phone=None, email=None, is_company=False, city=None):
        self.key = key
        self.name = name
        self.phone = phone
        self.email = email
        self.is_company = is_company
        self.city = city

    @property
    def xmlid(self):
        return f"demo_partner_{self.key}"


class Unit:
    def __init__(self, key, estate, **values):
        self.key = key
        self.estate = estate
        self.values = values
        self.state = "vacant"
        self.ownerships = []  # dicts: partner, share, date_start, date_end, primary, cert
        self.occupancies = []  # dicts: partner, role, date_start, date_end
        self.move_in = None  # a completed move-in creates the first occupancy
        self.renovating = False

    def unit_type_is(self, unit_type):
        return self.values["unit_type"] == unit_type

    @property
    def xmlid(self):
        return f"demo_unit_{self.key}"

    def current_owners(self):
        return [o for o in self.ownerships if not o["date_end"]]


class DemoGenerator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.partners = []
        self.partner_keys = set()
        self.names = {"王丽", "陈刚", "林涛", "张伟", "李娜", "王强", "刘芳"}
        self.emails = set()
        self.units = []
        self.units_by_key = {}
        self.move_ins = []
        self.certificate_serial = 12345

    # --- people -------------------------------------------------------------------------

    def _phone(self):
        digits = f"{self.rng.randrange(10**8):08d}"
        return f"{self.rng.choice(MOBILE_PREFIXES)} {digits[:4]} {digits[4:]}"

    def _add_partner(self, key, name, **values):
        base, suffix = key, 2
        while key in self.partner_keys:
            key = f"{base}_{suffix}"
            suffix += 1
        self.partner_keys.add(key)
        partner = Partner(key, name, **values)
        self.partners.append(partner)
        return partner

    def person(self, city, surname=None, name=None, with_email=None):
        """A new individual with a Chinese name not used yet."""
        if name:
            (family, family_py), (given, given_py) = name
        else:
            while True:
                family, family_py = surname or self.rng.choice(SURNAMES)
                given, given_py = self.rng.choice(GIVEN_NAMES)
                if family + given not in self.names:
                    break
        self.names.add(family + given)
        if with_email is None:
            with_email = self.rng.random() < 0.6
        email = None
        if with_email:
            local, suffix = f"{family_py}.{given_py}", 2
            email = f"{local}@example.com"
            while email in self.emails:
                email = f"{local}{suffix}@example.com"
                suffix += 1
            self.emails.add(email)
        return self._add_partner(
            f"{family_py}_{given_py}", family + given, phone=self._phone(), email=email, city=city
        )

    def company(self, key, name, domain):
        return self._add_partner(
            key,
            name,
            phone=f"0755 {self.rng.randrange(8000, 8999)} {self.rng.randrange(1000, 9999)}",
            email=f"info@{domain}",
            is_company=True,
            city="深圳市",
        )

    def certificate(self, estate, year):
        self.certificate_serial += self.rng.randrange(3, 400)
        if estate == "jx":
            return f"沪({year})浦字不动产权第{self.certificate_serial:07d}号"
        return f"粤({year})深圳市不动产权第{self.certificate_serial:07d}号"

    def day(self, start, end):
        """A random date between two (year, month, day) tuples."""
        first = datetime.date(*start)
        span = (datetime.date(*end) - first).days
        return first + datetime.timedelta(days=self.rng.randrange(span + 1))

    # --- units --------------------------------------------------------------------------

    def add_unit(self, key, estate, **values):
        unit = Unit(key, estate, **values)
        self.units.append(unit)
        self.units_by_key[key] = unit
        return unit

    def build_units(self):
        for code, entrances, floors, plan in JX_BUILDINGS:
            for entrance in range(1, entrances + 1):
                for floor in range(1, floors + 1):
                    for position, (area, layout) in enumerate(JX_PLANS[plan], start=1):
                        number = f"{floor}{position:02d}"
                        self.add_unit(
                            f"jx_{code}_{entrance}_{number}",
                            "jx",
                            building=f"jx_{code}",
                            entrance=str(entrance),
                            floor=floor,
                            code=number,
                            unit_type="apartment",
                            gross_area=area,
                            net_area=round(area * 0.79, 2),
                            layout=layout,
                        )
        for number in range(1, JX_PARKING + 1):
            self.add_unit(
                f"jx_p_b1_{number:03d}",
                "jx",
                floor=-1,
                code=f"B1-{number:03d}",
                unit_type="parking",
                gross_area=12.5,
                net_area=11.5,
            )
        for code in JX_STOREROOM_BUILDINGS:
            for number in range(1, JX_STOREROOMS_PER_BUILDING + 1):
                area = round(self.rng.uniform(6, 10), 2)
                self.add_unit(
                    f"jx_{code}_s_b1_{number:02d}",
                    "jx",
                    building=f"jx_{code}",
                    floor=-1,
                    code=f"B1-{number:02d}",
                    unit_type="storeroom",
                    gross_area=area,
                    net_area=round(area * 0.85, 2),
                )
        for number, area in enumerate(JR_SHOPS, start=1):
            self.add_unit(
                f"jr_a_1{number:02d}",
                "jr",
                building="jr_a",
                floor=1,
                code=f"1{number:02d}",
                unit_type="shop",
                gross_area=area,
                net_area=round(area * 0.82, 2),
                layout="临街商铺",
            )
        for floor in JR_OFFICE_FLOORS:
            plans = JR_OFFICE_PLANS if floor < 12 else [(JR_TOP_FLOOR_AREA, "整层办公")]
            for position, (area, layout) in enumerate(plans, start=1):
                number = f"{floor}{position:02d}"
                self.add_unit(
                    f"jr_a_{number}",
                    "jr",
                    building="jr_a",
                    floor=floor,
                    code=number,
                    unit_type="office",
                    gross_area=area,
                    net_area=round(area * 0.72, 2),
                    layout=layout,
                )

    # --- ownerships and residents -----------------------------------------------------

    def own(self, unit, partner, date_start, share=100.0, date_end=None, primary=False):
        unit.ownerships.append(
            {
                "partner": partner,
                "share": share,
                "date_start": date_start,
                "date_end": date_end,
                "primary": primary,
                "certificate": self.certificate(unit.estate, date_start.year),
            }
        )

    def live(self, unit, partner, role, date_start, date_end=None):
        unit.occupancies.append(
            {"partner": partner, "role": role, "date_start": date_start, "date_end": date_end}
        )

    def build_featured(self):
        """The people the demo users and the walkthroughs rely on."""
        units = self.units_by_key
        # owner1: 张伟 owns and lives in 3-2-1201 (moved in through a move-in) with his family
        zhang_wei = self.person("上海市", name=(SURNAMES[2], GIVEN_NAMES[0]), with_email=True)
        liu_fang = self.person("上海市", name=(SURNAMES[3], GIVEN_NAMES[1]), with_email=True)
        zhang_zihan = self.person("上海市", name=(SURNAMES[2], GIVEN_NAMES[31]), with_email=False)
        unit = units["jx_3_2_1201"]
        self.own(unit, zhang_wei, datetime.date(2019, 9, 12))
        self.own(units["jx_1_s_b1_03"], zhang_wei, datetime.date(2020, 3, 2))
        unit.move_in = {
            "partner": zhang_wei,
            "role": "owner_occupier",
            "date": datetime.date(2020, 5, 16),
            "keys": 3,
            "key_note": "入户门钥匙 2 把，门禁卡 1 张",
            "family": [liu_fang, zhang_zihan],
        }
        # owner2: 李娜 co-owns 1-1-802 with 王强 (she pays) and lets it; owns a parking space
        li_na = self.person("上海市", name=(SURNAMES[1], ("娜", "na")), with_email=True)
        wang_qiang = self.person("上海市", name=(SURNAMES[0], GIVEN_NAMES[4]), with_email=True)
        unit = units["jx_1_1_802"]
        self.own(unit, li_na, datetime.date(2019, 8, 3), share=50.0, primary=True)
        self.own(unit, wang_qiang, datetime.date(2019, 8, 3), share=50.0)
        tenant = self.person("上海市", with_email=True)
        self.live(unit, tenant, "tenant", datetime.date(2023, 3, 1))
        self.own(units["jx_p_b1_008"], li_na, datetime.date(2019, 10, 20))
        self.owner1, self.owner2 = zhang_wei, li_na

    def build_jx_people(self):
        apartments = [
            u
            for u in self.units
            if u.estate == "jx" and u.unit_type_is("apartment") and not u.ownerships
        ]
        owners = []
        for unit in apartments:
            if self.rng.random() < 0.12:
                continue  # unsold: still held by the developer
            start = self.day((2019, 6, 20), (2021, 12, 31))
            if owners and self.rng.random() < 0.08:
                owner = self.rng.choice(owners)  # an investor with several apartments
            else:
                owner = self.person("上海市")
                owners.append(owner)
            if self.rng.random() < 0.2:
                co_owner = self.person("上海市")
                self.own(unit, owner, start, share=50.0, primary=True)
                self.own(unit, co_owner, start, share=50.0)
            else:
                self.own(unit, owner, start)
            self.settle(unit, owner, start)
        self.resell(apartments)
        self.sell_parking_and_storerooms(owners)

    def settle(self, unit, owner, start):
        """Who lives in an owned apartment and the state that follows."""
        draw = self.rng.random()
        if draw < 0.58 and owner not in [o["partner"] for u in self.units for o in u.occupancies]:
            moved_in = start + datetime.timedelta(days=self.rng.randrange(30, 240))
            self.live(unit, owner, "owner_occupier", moved_in)
            if self.rng.random() < 0.3:
                for _index in range(self.rng.choice([1, 1, 2])):
                    self.live(unit, self.person("上海市", with_email=False), "family", moved_in)
        elif draw < 0.75:
            if self.rng.random() < 0.3:  # a former tenant moved out
                left = self.day((2021, 6, 1), (2022, 12, 31))
                self.live(unit, self.person("上海市"), "tenant", left.replace(day=1), left)
                moved_in = self.day((2023, 2, 1), (2024, 12, 31))
            else:
                moved_in = self.day((2020, 3, 1), (2024, 12, 31))
            self.live(unit, self.person("上海市"), "tenant", moved_in)
        elif draw < 0.78:
            unit.renovating = True

    def resell(self, apartments):
        """A few apartments changed hands: the first owner's period ends, the buyer's starts."""
        candidates = [u for u in apartments if len(u.ownerships) == 1 and not u.occupancies]
        for unit in self.rng.sample(candidates, 5):
            first = unit.ownerships[0]
            sold = self.day((2022, 3, 1), (2023, 10, 31))
            first["date_end"] = sold
            self.own(unit, self.person("上海市"), sold + datetime.timedelta(days=1))

    def sell_parking_and_storerooms(self, owners):
        for unit in self.units:
            if unit.estate != "jx" or unit.ownerships:
                continue
            if unit.unit_type_is("parking") and self.rng.random() < 0.65:
                self.own(unit, self.rng.choice(owners), self.day((2019, 9, 1), (2022, 6, 30)))
            elif unit.unit_type_is("storeroom") and self.rng.random() < 0.7:
                self.own(unit, self.rng.choice(owners), self.day((2019, 9, 1), (2021, 6, 30)))

    def build_jr_people(self):
        companies = [self.company(*values) for values in OFFICE_COMPANIES]
        shop_tenants = [self.company(*values) for values in SHOP_TENANTS]
        owners = companies[:12]
        tenants = companies[12:]
        for unit in self.units:
            if unit.estate != "jr" or unit.ownerships:
                continue
            if unit.unit_type_is("shop"):
                start = self.day((2018, 10, 1), (2020, 6, 30))
                self.own(unit, self.person("深圳市", with_email=True), start)
                if unit.key == "jr_a_107":
                    unit.renovating = True  # between two tenants
                elif shop_tenants:
                    tenant = shop_tenants.pop(0)
                    self.live(unit, tenant, "tenant", self.day((2020, 7, 1), (2023, 12, 31)))
                continue
            if self.rng.random() < 0.2:
                continue  # not sold yet
            owner = self.rng.choice(owners)
            start = self.day((2018, 10, 1), (2021, 12, 31))
            self.own(unit, owner, start)
            draw = self.rng.random()
            if draw < 0.45:
                self.live(unit, owner, "owner_occupier", start + datetime.timedelta(days=60))
            elif draw < 0.8 and tenants:
                tenant = tenants.pop(0)
                self.live(unit, tenant, "tenant", self.day((2020, 1, 1), (2024, 6, 30)))

    def build_move_ins(self):
        """Besides 张伟's: two more completed move-ins, two drafts and a cancelled one."""
        residents = {o["partner"].key for u in self.units for o in u.occupancies}
        delivered = [
            u
            for u in self.units
            if u.estate == "jx"
            and u.unit_type_is("apartment")
            and u.current_owners()
            and u.current_owners()[0]["partner"].key not in residents
            and not u.occupancies
            and not u.move_in
            and not u.renovating
        ]
        picked = self.rng.sample(delivered, 5)
        for unit, date in zip(
            picked[:2], [datetime.date(2024, 4, 13), datetime.date(2025, 1, 8)], strict=True
        ):
            owner = unit.current_owners()[0]["partner"]
            unit.move_in = {
                "partner": owner,
                "role": "owner_occupier",
                "date": date,
                "keys": 2,
                "key_note": "入户门钥匙 2 把",
                "family": [],
            }
        self.draft_move_ins = [
            {"unit": picked[2], "role": "owner_occupier", "signed": 2, "checked": True},
            {"unit": picked[3], "role": "tenant", "signed": 0, "checked": False},
            {"unit": picked[4], "role": "owner_occupier", "signed": 1, "cancel": True},
        ]
        for draft in self.draft_move_ins:
            if draft["role"] == "tenant":
                draft["partner"] = self.person("上海市", with_email=True)
            else:
                draft["partner"] = draft["unit"].current_owners()[0]["partner"]

    def assign_states(self):
        for unit in self.units:
            if not unit.current_owners():
                unit.state = "vacant"
            elif unit.renovating:
                unit.state = "renovation"
            elif any(not o["date_end"] for o in unit.occupancies):
                unit.state = "occupied"
            else:
                # completing a move-in turns a delivered unit into an occupied one
                unit.state = "delivered"

    def build(self):
        self.build_units()
        self.build_featured()
        self.build_jx_people()
        self.build_jr_people()
        self.build_move_ins()
        self.assign_states()


# --- XML -----------------------------------------------------------------------------------


class Writer:
    def __init__(self):
        self.lines = []

    def line(self, text="", indent=1):
        self.lines.append(("    " * indent + text) if text else "")

    def comment(self, text, indent=1):
        self.line("", 0)
        self.line(f"<!-- {text} -->", indent)

    def record(self, xmlid, model, fields, indent=1, context=None):
        # Written as a Chinese user writes: creation messages and generated
        # names in Chinese.
        context = context[:-1] + ", " + ZH[1:] if context else ZH
        ctx = f" context={quoteattr(context)}"
        self.line(f'<record id="{xmlid}" model="{model}"{ctx}>', indent)
        for name, value in fields:
            if value is None or value is False:
                continue
            self.line(self.field(name, value), indent + 1)
        self.line("</record>", indent)

    @staticmethod
    def field(name, value):
        if isinstance(value, Ref):
            return f'<field name="{name}" ref="{value.xmlid}"/>'
        if isinstance(value, Raw):
            return f'<field name="{name}" eval={quoteattr(value.expression)}/>'
        if isinstance(value, Html):
            return f'<field name="{name}" type="html">{value.html}</field>'
        if isinstance(value, bool):
            return f'<field name="{name}" eval="{value}"/>'
        if isinstance(value, int | float):
            return f'<field name="{name}" eval="{value}"/>'
        if isinstance(value, datetime.date):
            return f'<field name="{name}">{value.isoformat()}</field>'
        return f'<field name="{name}">{escape(value)}</field>'


class Ref:
    def __init__(self, xmlid):
        self.xmlid = xmlid


class Raw:
    def __init__(self, expression):
        self.expression = expression


class Html:
    def __init__(self, html):
        self.html = html


def refs(*xmlids):
    return Raw("[Command.set([" + ", ".join(f"ref('{x}')" for x in xmlids) + "])]")


QUIET = "{'tracking_disable': True, 'mail_create_nolog': True, 'mail_notrack': True}"
ZH = "{'lang': 'zh_CN'}"


def write_users(out):
    out.comment("Chinese for the demo users, also where its translations are not loaded")
    out.line('<function model="res.lang" name="_activate_lang" eval="[[], \'zh_CN\']"/>')
    out.comment("The module's Chinese terms before its demo: Odoo loads them after it")
    out.line(
        '<function model="ir.module.module" name="_update_translations" '
        "eval=\"[[ref('base.module_property_base')], 'zh_CN']\"/>"
    )
    out.comment(
        "Staff: the customer-service desk, the cashier and the meter reader of 锦绣花园, "
        "the estate managers (each of his estate) and the company manager (every estate)"
    )
    staff = [
        ("demo_user_desk", "王丽", "desk", "wang.li@example.com", "group_property_user"),
        ("demo_user_cashier", "赵敏", "cashier", "zhao.min@example.com", "group_property_cashier"),
        ("demo_user_reader", "孙强", "reader", "sun.qiang@example.com",
         "group_property_meter_reader"),
        ("demo_user_manager", "陈刚", "manager", "chen.gang@example.com", "group_property_manager"),
        ("demo_user_manager_jr", "林涛", "manager2", "lin.tao@example.com",
         "group_property_manager"),
        ("demo_user_director", "周明", "director", "zhou.ming@example.com",
         "group_property_company_manager"),
    ]  # fmt: skip
    for xmlid, name, login, email, group in staff:
        out.record(
            xmlid,
            "res.users",
            [
                ("name", name),
                ("login", login),
                ("password", login),
                ("email", email),
                ("lang", "zh_CN"),
                ("tz", "Asia/Shanghai"),
                ("company_id", Ref("base.main_company")),
                ("company_ids", refs("base.main_company")),
                ("group_ids", refs(group)),
            ],
            context="{'no_reset_password': True}",
        )


ESTATES = {
    "jx": [
        ("name", "锦绣花园"),
        ("code", "JX"),
        ("sequence", 10),
        ("estate_type", "residential"),
        ("company_id", Ref("base.main_company")),
        ("manager_id", Ref("demo_user_manager")),
        ("user_ids", refs("demo_user_desk", "demo_user_cashier", "demo_user_reader")),
        ("resource_calendar_id", Ref("resource.resource_calendar_std")),
        ("street", "锦绣路1888弄"),
        ("city", "上海市浦东新区"),
        ("zip", "200135"),
        ("state_id", Ref("base.state_cn_SH")),
        ("country_id", Ref("base.cn")),
        ("phone", "021 5866 1888"),
        ("color", 10),
        (
            "description",
            Html(
                "<p>2019 年交付的高层住宅小区，6 栋住宅楼、地下车库和储藏室。"
                "物业服务中心位于 3 栋 1 楼，服务时间 8:00–17:00，"
                "24 小时值班电话 021 5866 1888。</p>"
            ),
        ),
    ],
    "jr": [
        ("name", "金融中心"),
        ("code", "JR"),
        ("sequence", 20),
        ("estate_type", "commercial"),
        ("company_id", Ref("base.main_company")),
        ("manager_id", Ref("demo_user_manager_jr")),
        ("resource_calendar_id", Ref("resource.resource_calendar_std")),
        ("street", "深南大道6008号"),
        ("city", "深圳市福田区"),
        ("zip", "518048"),
        ("state_id", Ref("base.state_cn_GD")),
        ("country_id", Ref("base.cn")),
        ("phone", "0755 8288 6008"),
        ("color", 4),
        (
            "description",
            Html("<p>甲级写字楼，1 楼临街商铺，3–12 楼办公。大堂服务台 24 小时值守。</p>"),
        ),
    ],
}


def write_estates(out):
    out.comment("Estates and buildings")
    for key, fields in ESTATES.items():
        documents = [f"property_base.move_in_document_{d}" for d in ESTATE_DOCUMENTS[key]]
        out.record(
            f"demo_estate_{key}",
            "property.estate",
            [*fields, ("move_in_document_ids", refs(*documents))],
        )
    for code, entrances, floors, _plan in JX_BUILDINGS:
        out.record(
            f"demo_building_jx_{code}",
            "property.building",
            [
                ("name", f"{code}栋"),
                ("code", code),
                ("sequence", int(code)),
                ("estate_id", Ref("demo_estate_jx")),
                ("building_type", "residential"),
                ("floor_count", floors),
                ("basement_count", 1),
                ("entrance_count", entrances),
                ("completion_year", 2019),
            ],
        )
    out.record(
        "demo_building_jr_a",
        "property.building",
        [
            ("name", "金融中心大厦"),
            ("code", "A"),
            ("estate_id", Ref("demo_estate_jr")),
            ("building_type", "mixed"),
            ("floor_count", 12),
            ("basement_count", 2),
            ("entrance_count", 1),
            ("completion_year", 2018),
            ("note", "1 楼商铺，2 楼大堂与会议中心，3–12 楼办公"),
        ],
    )


def write_partners(out, gen):
    out.comment("Owners, co-owners, residents and tenants")
    for partner in gen.partners:
        out.record(
            partner.xmlid,
            "res.partner",
            [
                ("name", partner.name),
                ("is_company", True if partner.is_company else None),
                ("phone", partner.phone),
                ("email", partner.email),
                ("city", partner.city),
                ("country_id", Ref("base.cn")),
                ("lang", "zh_CN"),
            ],
            context=QUIET,
        )
    out.comment("Portal users: owners of units in 锦绣花园")
    for xmlid, login, partner in [
        ("demo_user_owner1", "owner1", gen.owner1),
        ("demo_user_owner2", "owner2", gen.owner2),
    ]:
        out.record(
            xmlid,
            "res.users",
            [
                ("partner_id", Ref(partner.xmlid)),
                ("login", login),
                ("password", login),
                ("lang", "zh_CN"),
                ("tz", "Asia/Shanghai"),
                ("company_id", Ref("base.main_company")),
                ("company_ids", refs("base.main_company")),
                ("group_ids", refs("base.group_portal")),
            ],
            context="{'no_reset_password': True}",
        )


def write_units(out, gen):
    out.comment(
        "Units: apartments, parking spaces and storerooms of 锦绣花园; "
        "shops and offices of 金融中心"
    )
    for unit in gen.units:
        values = unit.values
        out.record(
            unit.xmlid,
            "property.unit",
            [
                ("estate_id", Ref(f"demo_estate_{unit.estate}")),
                ("building_id", Ref(f"demo_building_{values['building']}"))
                if values.get("building")
                else ("building_id", None),
                ("entrance", values.get("entrance")),
                ("floor", values["floor"]),
                ("code", values["code"]),
                ("unit_type", values["unit_type"]),
                ("gross_area", values["gross_area"]),
                ("net_area", values["net_area"]),
                ("layout", values.get("layout")),
                ("state", unit.state),
            ],
            context=QUIET,
        )


def write_ownerships(out, gen):
    out.comment("Ownerships: sole owners, 50/50 co-owners with one primary payer, resales")
    for unit in gen.units:
        for index, ownership in enumerate(unit.ownerships, start=1):
            out.record(
                f"demo_ownership_{unit.key}_{index}",
                "property.ownership",
                [
                    ("unit_id", Ref(unit.xmlid)),
                    ("partner_id", Ref(ownership["partner"].xmlid)),
                    ("share", ownership["share"]),
                    ("date_start", ownership["date_start"]),
                    ("date_end", ownership["date_end"]),
                    ("certificate_number", ownership["certificate"]),
                    ("is_primary_payer", True if ownership["primary"] else None),
                ],
                context=QUIET,
            )


def write_occupancies(out, gen):
    out.comment("Residents: owner-occupiers, their families and tenants")
    for unit in gen.units:
        for index, occupancy in enumerate(unit.occupancies, start=1):
            write_occupancy(out, f"demo_occupancy_{unit.key}_{index}", unit, occupancy)


def write_occupancy(out, xmlid, unit, occupancy):
    out.record(
        xmlid,
        "property.occupancy",
        [
            ("unit_id", Ref(unit.xmlid)),
            ("partner_id", Ref(occupancy["partner"].xmlid)),
            ("role", occupancy["role"]),
            ("date_start", occupancy["date_start"]),
            ("date_end", occupancy["date_end"]),
        ],
        context=QUIET,
    )


def document_lines(estate, signed):
    commands = [
        f"Command.create({{'document_id': ref('property_base.move_in_document_{document}'), "
        f"'is_signed': {index < signed}}})"
        for index, document in enumerate(ESTATE_DOCUMENTS[estate])
    ]
    return Raw("[" + ", ".join(commands) + "]")


def resident_id(draw):
    """A valid resident ID number (GB 11643) of someone registered in Pudong,
    made of one random draw: a birth date between 1960 and 2003 and a serial."""
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=draw * 16 // 10)
    body = f"310115{birth:%Y%m%d}{draw % 1000:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(digit) * weight for digit, weight in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def write_move_ins(out, gen):
    out.comment("Move-ins: completed ones create the occupancy and turn the unit occupied")
    # in date order, numbered in the year of the move-in
    for unit in sorted((u for u in gen.units if u.move_in), key=lambda u: u.move_in["date"]):
        move_in = unit.move_in
        xmlid = f"demo_move_in_{unit.key}"
        out.record(
            xmlid,
            "property.move.in",
            [
                ("unit_id", Ref(unit.xmlid)),
                ("partner_id", Ref(move_in["partner"].xmlid)),
                ("role", move_in["role"]),
                ("date", move_in["date"]),
                ("identity_type", "id_card"),
                # the resident's ID, recorded on him (res.partner) at the move-in
                ("identity_number", resident_id(gen.rng.randrange(10000))),
                ("identity_checked", True),
                ("key_count", move_in["keys"]),
                ("key_note", move_in["key_note"]),
                ("user_id", Ref("demo_user_desk")),
                ("document_line_ids", document_lines(unit.estate, 99)),
            ],
            context=f"{{'ir_sequence_date': '{move_in['date'].isoformat()}'}}",
        )
        out.line(
            f"<function context={quoteattr(ZH)} "
            f'model="property.move.in" name="action_done" eval="[[ref(\'{xmlid}\')]]"/>'
        )
        for index, member in enumerate(move_in["family"], start=1):
            occupancy = {
                "partner": member,
                "role": "family",
                "date_start": move_in["date"],
                "date_end": None,
            }
            write_occupancy(out, f"demo_occupancy_{unit.key}_family_{index}", unit, occupancy)
    for draft in gen.draft_move_ins:
        unit = draft["unit"]
        xmlid = f"demo_move_in_{unit.key}"
        out.record(
            xmlid,
            "property.move.in",
            [
                ("unit_id", Ref(unit.xmlid)),
                ("partner_id", Ref(draft["partner"].xmlid)),
                ("role", draft["role"]),
                ("date", Raw("DateTime.today().strftime('%Y-%m-%d')")),
                ("identity_type", "id_card"),
                ("identity_checked", draft.get("checked", False)),
                ("user_id", Ref("demo_user_desk")),
                ("document_line_ids", document_lines(unit.estate, draft["signed"])),
            ],
        )
        if draft.get("cancel"):
            out.line(
                f"<function context={quoteattr(ZH)} "
                'model="property.move.in" name="action_cancel" '
                f"eval=\"[[ref('{xmlid}')]]\"/>"
            )


NOTICES = [
    {
        "key": "water_outage",
        "name": "停水通知：3栋、4栋二次供水水箱清洗",
        "category": "maintenance",
        "state": "published",
        "published": 2,
        "expiry": 5,
        "buildings": ["demo_building_jx_3", "demo_building_jx_4"],
        "body": "<p>尊敬的业主/住户：</p>"
        "<p>为保障饮用水卫生，管理处将对 3 栋、4 栋二次供水水箱进行清洗消毒。"
        "停水时间：本周六 9:00–15:00。请提前做好储水准备，恢复供水后请先放水 2 分钟。</p>"
        "<p>给您带来的不便，敬请谅解。</p><p>锦绣花园物业服务中心</p>",
    },
    {
        "key": "elevator_inspection",
        "name": "电梯年检通知",
        "category": "maintenance",
        "state": "published",
        "published": 5,
        "expiry": 20,
        "pinned": True,
        "estates": ["demo_estate_jx"],
        "body": "<p>根据《特种设备安全法》要求，"
        "市特种设备检验机构将于下周对小区全部电梯进行年度检验。"
        "检验期间各单元电梯将轮流停运约 2 小时，具体时间见各单元电梯厅张贴的通知。"
        "行动不便的住户如需协助，请联系物业服务中心 021 5866 1888。</p>",
    },
    {
        "key": "spring_festival",
        "name": "春节安全提示",
        "category": "safety",
        "state": "archived",
        "published": 300,
        "estates": ["demo_estate_jx", "demo_estate_jr"],
        "body": "<p>春节将至，请各位业主注意：</p><ul><li>小区内禁止燃放烟花爆竹；</li>"
        "<li>外出前关闭水、电、燃气阀门，锁好门窗；</li>"
        "<li>楼道内请勿堆放杂物，保持消防通道畅通。</li></ul>"
        "<p>物业服务中心春节期间 24 小时值班。祝大家新春快乐！</p>",
    },
    {
        "key": "fire_drill",
        "name": "关于开展消防演练的通知",
        "category": "safety",
        "state": "draft",
        "expiry": 40,
        "estates": ["demo_estate_jr"],
        "body": "<p>为提高大厦消防安全意识，管理处定于下月第二个周三 15:00 开展消防疏散演练，"
        "届时消防警铃将鸣响约 5 分钟，请各租户提前安排并指派一名消防联络员参加。</p>",
    },
    {
        "key": "mid_autumn",
        "name": "中秋游园活动报名",
        "category": "event",
        "state": "published",
        "published": 1,
        "expiry": 30,
        "estates": ["demo_estate_jx"],
        "body": "<p>中秋佳节，物业服务中心将在中心花园举办猜灯谜、做月饼等游园活动，"
        "欢迎业主和家人参加。请于本周五前在物业服务中心或业主群报名。</p>",
    },
]


def write_notices(out):
    out.comment("Notices: published, draft and archived; for estates or single buildings")
    for notice in NOTICES:
        published = notice.get("published")
        expiry = notice.get("expiry")
        fields = [
            ("name", notice["name"]),
            ("category", notice["category"]),
            ("company_id", Ref("base.main_company")),
            ("user_id", Ref("demo_user_desk")),
            ("body", Html(notice["body"])),
            ("is_pinned", True if notice.get("pinned") else None),
            ("estate_ids", refs(*notice["estates"]) if notice.get("estates") else None),
            ("building_ids", refs(*notice["buildings"]) if notice.get("buildings") else None),
            ("state", notice["state"]),
            (
                "date_published",
                Raw(f"(DateTime.now() - timedelta(days={published})).strftime('%Y-%m-%d %H:%M:%S')")
                if published
                else None,
            ),
            (
                "date_expiry",
                Raw(f"(DateTime.today() + timedelta(days={expiry})).strftime('%Y-%m-%d')")
                if expiry
                else None,
            ),
        ]
        out.record(f"demo_notice_{notice['key']}", "property.notice", fields)


def render(gen):
    out = Writer()
    out.line('<?xml version="1.0" encoding="utf-8"?>', 0)
    out.line("<!-- Generated by tools/gen_demo.py: change the script, not this file. -->", 0)
    out.line("<odoo>", 0)
    write_users(out)
    write_estates(out)
    write_partners(out, gen)
    write_units(out, gen)
    write_ownerships(out, gen)
    write_occupancies(out, gen)
    write_move_ins(out, gen)
    write_notices(out)
    out.line("</odoo>", 0)
    return "\n".join(out.lines) + "\n"


def summary(gen):
    units = Counter(u.values["unit_type"] for u in gen.units)
    states = Counter(u.state for u in gen.units)
    return {
        "units": len(gen.units),
        "unit types": dict(units),
        "unit states (before move-ins)": dict(states),
        "partners": len(gen.partners),
        "ownerships": sum(len(u.ownerships) for u in gen.units),
        "occupancies (+ move-ins and their families)": sum(len(u.occupancies) for u in gen.units),
        "completed move-ins": sum(1 for u in gen.units if u.move_in),
        "other move-ins": len(gen.draft_move_ins),
        "notices": len(NOTICES),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the XML is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    gen = DemoGenerator()
    gen.build()
    xml = render(gen)
    if args.check:
        if not args.output.exists() or args.output.read_text(encoding="utf-8") != xml:
            sys.exit(f"{args.output} is out of date: run tools/gen_demo.py")
        return
    args.output.write_text(xml, encoding="utf-8")
    for key, value in summary(gen).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
