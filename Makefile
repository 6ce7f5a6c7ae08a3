# Bootstrap only: create .venv and node_modules when missing, then hand over to invoke (tasks.py).
VENV := .venv
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: build test serve publish

build: $(STAMP)
	$(VENV)/bin/invoke build

test: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/invoke test

serve: $(STAMP)
	$(VENV)/bin/invoke serve

publish: $(STAMP)
	$(VENV)/bin/invoke publish $(if $(TARGET),--target $(TARGET))

$(STAMP): requirements.txt requirements-test.txt constraints.txt
	test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-test.txt
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
