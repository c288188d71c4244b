"""The test session collects static files itself when the manifest is missing or stale, so a
single file runs by hand on a fresh clone without a `collectstatic` step first."""

import os

import pytest

from tests.collected_static import collect_if_stale, manifest_is_stale


@pytest.fixture
def static_tree(settings, tmp_path):
    """A source folder with one stylesheet, collected into a STATIC_ROOT of this test's own."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "site.css").write_text("body { color: black; }\n")
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    return source, tmp_path / "collected" / "staticfiles.json"


def test_collect_if_stale_writes_the_manifest_when_it_is_missing(static_tree):
    _source, manifest = static_tree

    collect_if_stale()

    assert manifest.exists()
    assert not manifest_is_stale()


def test_collect_if_stale_leaves_a_fresh_manifest_alone(static_tree):
    _source, manifest = static_tree
    collect_if_stale()
    collected_at = manifest.stat().st_mtime_ns

    collect_if_stale()

    assert manifest.stat().st_mtime_ns == collected_at


def test_manifest_is_stale_when_a_source_changes_after_collecting(static_tree):
    source, manifest = static_tree
    collect_if_stale()
    later = manifest.stat().st_mtime + 10
    os.utime(source / "site.css", (later, later))

    assert manifest_is_stale()


def test_manifest_is_stale_when_a_new_source_appears(static_tree):
    source, manifest = static_tree
    collect_if_stale()
    added = source / "print.css"
    added.write_text("body { color: grey; }\n")
    # A file copied in with an old date (unpacked from an archive) is still new to the manifest.
    earlier = manifest.stat().st_mtime - 10
    os.utime(added, (earlier, earlier))

    assert manifest_is_stale()
