# Everything a fresh machine needs: `make run` and `make test` create .venv on first use.
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean compiled pure test-compiled test-clocks

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip 'setuptools>=77'  # setup.py reads pyproject's license
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/followup demo --if-empty
	$(BIN)/followup today
	$(BIN)/followup serve

lint: $(STAMP)
	$(BIN)/ruff check setup.py src tests bench
	$(BIN)/mypy

# The suite on every core, up to four: each worker has its own SQLite files and
# PostgreSQL database, and a file's tests stay together (its servers and browser
# start once, in order). PARALLEL= runs it in one process.
PARALLEL ?= -n auto --maxprocesses 4
test: lint
	$(BIN)/pytest $(PARALLEL) --dist loadfile

# The tests that read the real clock (the web's, mail's, `serve`'s: they load the
# demo around now) again as if it were another hour and day, so a test that
# holds only in the afternoon fails here and not at some later hour in CI.
# CLOCKS: ISO moments; by default three and a half days from now, the other
# half of the day and another part of the week. Each moment is printed. On
# SQLite only: what depends on the hour is the planner's and the pages', not
# the backend's (the full suite runs both).
CLOCK_TESTS = $(shell grep -l -e 'datetime.now' -e 'from webfixtures import' tests/test_*.py)
CLOCKS ?= $(shell date -u -d '+3 days 12 hours' +%Y-%m-%dT%H:%M:%S+00:00)
test-clocks: $(STAMP)
	@for clock in $(CLOCKS); do \
		echo "the clock-reading tests at $$clock"; \
		FOLLOWUP_TEST_CLOCK=$$clock $(BIN)/pytest $(PARALLEL) --dist loadfile -m "not postgres" $(CLOCK_TESTS) \
			|| exit 1; \
	done

bench: $(STAMP)
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/agenda.py
	$(BIN)/python bench/web.py

# The opt-in compiled planner (setup.py; the modules are listed in pyproject.toml,
# [tool.followup.compiled]): C extensions beside the domain's .py files, built
# with the venv's mypy. An unchanged module is not recompiled.
DOMAIN := src/followup/domain
compiled: $(STAMP)
	FOLLOWUP_COMPILE=1 $(BIN)/python setup.py -q build_ext --inplace

pure:
	rm -rf build $(DOMAIN)/*.so $(DOMAIN)/*.pyd $(DOMAIN)/_compiled.txt

# The tests of what the compiled modules run (about a minute), against the
# compiled build, and its plans against pure Python's, action for action; the
# tree is pure again afterwards, whatever the outcome. No servers here, so the
# tests go out one by one, an idle worker taking from a busy one's queue: the
# eight long property tests (~18 s each) share the workers out.
COMPILED_TESTS := tests/test_build.py tests/test_planner_*.py tests/test_entry_and_quiet_hours.py \
	tests/test_calendar_holiday_source.py tests/test_hardening_calendar.py \
	tests/test_draft*.py tests/test_checks_catalogue.py tests/test_tone_corpus.py \
	tests/test_store_plan_cache.py
PURE_PLANS := bench/out/plans-pure.jsonl
test-compiled: $(STAMP)
	@$(MAKE) --no-print-directory pure
	@mkdir -p bench/out
	$(BIN)/python bench/compare_plans.py --save $(PURE_PLANS)
	@status=0; $(MAKE) --no-print-directory compiled && \
	FOLLOWUP_EXPECT_BUILD=compiled $(BIN)/pytest $(PARALLEL) --dist worksteal $(COMPILED_TESTS) && \
	$(BIN)/python bench/compare_plans.py --against $(PURE_PLANS) || status=$$?; \
	$(MAKE) --no-print-directory pure; exit $$status

clean: pure
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
