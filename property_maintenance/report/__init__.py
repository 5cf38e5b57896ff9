from . import equipment_ledger_xlsx, plan_compliance_xlsx
