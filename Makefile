.PHONY: serve test lint format translations

serve:
	flask --app app run --debug

test:
	pytest

lint:
	ruff check . && ruff format --check .

format:
	ruff check --fix . && ruff format .

translations:
	pybabel extract -F babel.cfg -k _l --ignore-dirs="venv .venv .venv-ci tests migrations instance" -o /tmp/messages.pot .
	pybabel update -i /tmp/messages.pot -d translations --width 88
	pybabel compile -d translations
