"""Running the ``egov-events`` command in the test process, as the tests of several modules do."""

from __future__ import annotations

import pytest

from egov_events.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command with *argv*; its exit status, standard output and standard error."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse exits on usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err
