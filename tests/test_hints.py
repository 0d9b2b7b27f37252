"""Did-you-mean hints: the indexed suggester gives difflib's answers, each word once."""

from __future__ import annotations

from hsso_plan.diagnostics import Suggester, did_you_mean


def test_hint_finds_the_misspelt_id_among_thousands() -> None:
    pool = [f"task-{i:05d}" for i in range(5000)] + ["ad-sync", "email-platform"]
    s = Suggester(pool)
    assert s.hint("ad-synch") == "did you mean 'ad-sync'?"
    assert s.hint("emial-platform") == "did you mean 'email-platform'?"
    assert s.best("task-01234x") == "task-01234"
    assert s.best("zzzzzz") is None
    assert s.best("AD-SYNC") == "ad-sync"  # case only: the exact id


def test_each_word_is_answered_once() -> None:
    s = Suggester(["alpha", "beta"])
    assert s.best("alpah") == "alpha"
    s.pool[0] = "changed"  # a cached answer does not look at the pool again
    assert s.best("alpah") == "alpha"
    assert "alpah" in s.cache


def test_did_you_mean_keeps_its_contract() -> None:
    assert did_you_mean("ad-synch", ["ad-sync", "email"]) == "did you mean 'ad-sync'?"
    assert did_you_mean("x", []) is None
    assert did_you_mean("emal", {"email": 1}) == "did you mean 'email'?"
