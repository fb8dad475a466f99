# Two set-up commands: `make run` and `make test`. Everything else is here for them.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test coverage lint typecheck format check-migrations schema bench worker beat messages setup clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

setup: $(STAMP) node_modules/.package-lock.json messages
	$(PY) manage.py collectstatic --noinput --verbosity 0

messages: $(STAMP)
	$(PY) manage.py compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# The suite with branch coverage; fails under the floor in pyproject.toml ([tool.coverage.report]).
coverage: setup
	$(PY) -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# mypy with django-stubs over the shared code and every app (tests excluded); zero errors.
TYPECHECK_PATHS ?= taxportal registration garnishment parking_badges customs_valuation
typecheck: $(STAMP)
	$(VENV)/bin/mypy --follow-imports=silent $(TYPECHECK_PATHS)

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run

# The OpenAPI document (docs/openapi.yaml), regenerated from the code; a test fails when stale.
schema: $(STAMP)
	$(PY) manage.py spectacular --lang en --validate --fail-on-warn --file docs/openapi.yaml

bench: setup
	$(PY) -m bench

worker: setup
	$(VENV)/bin/celery -A taxportal worker --loglevel=info

beat: setup
	$(VENV)/bin/celery -A taxportal beat --loglevel=info

clean:
	rm -rf $(VENV) node_modules var staticfiles
