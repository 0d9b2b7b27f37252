"""Hostile plan files and output paths (issue 11): located errors, never a hang or exit 3."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.cli import app
from hsso_plan.fileio import OutputError, write_atomic
from hsso_plan.loading import read_plan
from hsso_plan.loading.includes import MAX_INCLUDE_DEPTH
from hsso_plan.loading.read import MAX_NESTING, read_regular, too_deep

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plans" / "example.toml"
HEAD = '[project]\nname = "x"\nstart = 2017-01-02\n\n[task.a]\nname = "A"\nduration = 1\n'
runner = CliRunner()


def _codes(path: Path) -> list[tuple[str, int | None, int | None]]:
    lp = read_plan(path)
    return [(d.code, d.line, d.column) for d in (lp.locate(x) for x in lp.diagnostics.items)]


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{x=", "}")])
def test_deep_nesting_is_refused_before_the_parser(tmp_path: Path, opener: str,
                                                   closer: str) -> None:
    p = tmp_path / "deep.toml"
    p.write_text(HEAD + "tags = " + opener * 2000 + "1" + closer * 2000 + "\n")
    line = HEAD.count("\n") + 1
    col = len("tags = ") + MAX_NESTING * len(opener) + 1
    assert _codes(p) == [("E001", line, col)]
    proc = subprocess.run([sys.executable, "-m", "hsso_plan", "validate", str(p)],
                          check=False, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH":
                                                               str(ROOT / "src")})
    assert proc.returncode == 1 and "nested more than 100" in proc.stdout + proc.stderr


def test_nesting_scan_skips_strings_and_comments() -> None:
    assert too_deep('a = "[[[["\n# [[[[\nb = [[1]]\n', 2) is None
    assert too_deep("a = '''\n[[[\n'''\nb = \"\\\"[[[\"\n", 2) is None
    assert too_deep('a = """x""""\nb = [[[1]]]\n', 2) == (2, 7)
    assert too_deep("b = {x = {y = [1]}}", 2) == (1, 15)
    assert too_deep("[a]\n[[b]]\n[c.d]\n", 2) is None


def test_a_fifo_as_plan_or_include_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    assert [c for c, _, _ in _codes(fifo)] == ["E003"]
    main = tmp_path / "plan.toml"
    main.write_text('include = ["fifo.toml"]\n' + HEAD)
    assert _codes(main) == [("E003", 1, 12)]


def test_a_device_is_not_read(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(ValueError, match="not a regular file"):
        read_regular(Path("/dev/zero"))
    (tmp_path / "z.toml").symlink_to("/dev/zero")
    assert [c for c, _, _ in _codes(tmp_path / "z.toml")] == ["E003"]


def test_size_bound(tmp_path: Path) -> None:
    p = tmp_path / "big.toml"
    p.write_bytes(b"#" * 2048)
    with pytest.raises(ValueError, match="larger than"):
        read_regular(p, limit=1024)
    assert read_regular(p, limit=4096) == b"#" * 2048


def test_include_nul_loop_chain(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    main = tmp_path / "plan.toml"
    main.write_text('include = ["loop/x.toml", "nul\\u0000.toml"]\n' + HEAD)
    got = _codes(main)
    assert [(c, ln) for c, ln, _ in got] == [("E003", 1), ("E003", 1)]
    for k in range(1000):
        (tmp_path / f"c{k}.toml").write_text(f'include = ["c{k + 1}.toml"]\n')
    (tmp_path / "c1000.toml").write_text("")
    main.write_text('include = ["c0.toml"]\n' + HEAD)
    got = _codes(main)
    assert [c for c, _, _ in got] == ["E004"]
    lp = read_plan(main)
    assert len(lp.files) == MAX_INCLUDE_DEPTH + 1


def test_include_containment_holds_for_symlinks(tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text('[task.x]\nname = "X"\nduration = 1\n')
    plan_dir = tmp_path / "plan"
    plan_dir.mkdir()
    (plan_dir / "in.toml").symlink_to(outside)
    (plan_dir / "plan.toml").write_text('include = ["in.toml"]\n' + HEAD)
    assert _codes(plan_dir / "plan.toml") == [("E004", 1, 12)]


# ---- files written ---------------------------------------------------------------------

def _schedule(out: str) -> int:
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "csv", "-o", out])
    return r.exit_code


def test_dev_null_stays_a_device() -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    assert _schedule("/dev/null") == 0
    assert Path("/dev/null").is_char_device()


def test_dev_full_is_an_environment_error() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "csv", "-o", "/dev/full"])
    assert r.exit_code == 2 and "No space left" in r.output
    assert Path("/dev/full").is_char_device()


def test_a_fifo_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_atomic(fifo, "hello\n")
    assert reader.communicate(timeout=10)[0] == b"hello\n"
    assert fifo.is_fifo()


def test_a_symlink_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to("real.csv")
    assert _schedule(str(link)) == 0
    assert link.is_symlink() and (tmp_path / "real.csv").read_text().startswith("id,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real.csv"]


def test_missing_folder_and_folder_target(tmp_path: Path) -> None:
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "csv", "-o",
                            str(tmp_path / "none" / "x.csv")])
    assert r.exit_code == 2 and "does not exist" in r.output
    with pytest.raises(OutputError, match="not a file"):
        write_atomic(tmp_path, "x")


@pytest.mark.parametrize("width", ["0", "-5", str(10**9)])
def test_absurd_width_is_a_usage_error(width: str) -> None:
    r = runner.invoke(app, ["report", str(EXAMPLE), "--width", width])
    assert r.exit_code == 2


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_a_write_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from hsso_plan import fileio\n"
        "real = fileio.os.fsync\n"
        "def slow(fd):\n"
        "    print('writing', flush=True); time.sleep(30)\n"
        "fileio.os.fsync = slow\n"
        "fileio.write_atomic(Path(sys.argv[1]), 'x' * 100)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "out.txt")],
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    proc.send_signal(signum)
    proc.wait(timeout=20)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGTERM if signum == signal.SIGTERM else proc.returncode != 0
    assert list(tmp_path.iterdir()) == []


def test_nesting_scan_fast_path_is_not_fooled_by_escapes_and_adjacent_strings() -> None:
    tricky = 'a = "x\\n"\nb = \'C:\\\'\nc = ["", "", \'\']\nd = """q""""\ne = {"k" = "v"}\n'
    deep = "f = " + "[" * 150 + "]" * 150 + "\n"
    assert too_deep(tricky + deep) == (6, 105)
    assert too_deep(tricky * 50) is None
    assert too_deep('s = "' + "]" * 200 + '"\n' + deep) == (2, 105)
