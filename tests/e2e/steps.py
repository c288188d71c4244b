"""Screenshots of a journey's steps, so a failing run shows what each browser saw.

A journey names its steps as it goes (`steps.shot(page, "charter-published")`); each one is
written to `tests/e2e/artifacts/<test>/<NN>-<step>.png`, numbered in the order taken, the
folder emptied when the test starts so an earlier run's pictures never mix in. If the test
fails, the `steps` fixture adds a last picture of every page it was shown, marked `failed`.
The folder is ignored by git.
"""

import re
import shutil
from pathlib import Path

from playwright.sync_api import Error, Page

ARTIFACTS = Path(__file__).parent / "artifacts"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "step"


class Steps:
    def __init__(self, test_name: str, root: Path = ARTIFACTS):
        # The test's own name (a parametrised one's brackets made safe for a folder name).
        self.folder = root / re.sub(r"[^\w.-]+", "-", test_name).strip("-")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.taken: list[Path] = []
        self.pages: list[Page] = []

    def shot(self, page: Page, step: str) -> Path:
        """Write what `page` shows now (the whole page, not just the viewport)."""
        if page not in self.pages:
            self.pages.append(page)
        path = self.folder / f"{len(self.taken) + 1:02d}-{_slug(step)}.png"
        page.screenshot(path=path, full_page=True)
        self.taken.append(path)
        return path

    def shoot_failure(self) -> None:
        """The last state of every page, best effort: the test has already failed."""
        for number, page in enumerate(self.pages, start=1):
            if page.is_closed():
                continue
            try:
                self.shot(page, f"failed-page-{number}")
            except Error:
                continue
