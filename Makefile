# The project's commands; each prepares what it needs (see tools/setup.sh).
.PHONY: run test update lint setup i18n

run:     ## serve the demo database on http://localhost:8069
	@bash tools/run.sh

test:    ## fresh database, every module installed, every test; prints "N passed, M failed"
	@bash tools/test.sh $(ARGS)

update:  ## upgrade the property modules in the demo database
	@bash tools/update.sh

lint:    ## ruff and pylint-odoo's mandatory checks
	@bash tools/lint.sh

setup:   ## only prepare PostgreSQL, the Odoo source and the virtualenv
	@bash tools/setup.sh

i18n:    ## export i18n/<module>.pot and merge it into i18n/zh_CN.po
	@bash tools/i18n.sh
