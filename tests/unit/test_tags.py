"""`calmdraft tags`: every keyword the worker sets has a client set-up, under the configured prefix."""

from __future__ import annotations

import dataclasses
import re

from calmdraft import LABELS
from calmdraft.cli import main
from calmdraft.config import Config
from calmdraft.tags import TAGS, neomutt, thunderbird


def test_thunderbird_block_defines_every_label_and_never_colours_drafted():
    config = dataclasses.replace(Config(accounts=(), state_path=None), tag_prefix="Shop")  # type: ignore[arg-type]
    prefs = dict(re.findall(r'user_pref\("([^"]+)", "([^"]*)"\);', thunderbird(config)))
    for label in LABELS:
        assert prefs[f"mailnews.tags.shop/{label}.tag"].startswith("Shop: ")
        assert re.fullmatch(r"#[0-9a-f]{6}", prefs[f"mailnews.tags.shop/{label}.color"])
    assert "mailnews.tags.shop/drafted.tag" in prefs and "mailnews.tags.shop/drafted.color" not in prefs
    assert len({v for k, v in prefs.items() if k.endswith(".ordinal")}) == len(TAGS)


def test_neomutt_block_names_every_tag_and_hides_drafted():
    text = neomutt(None)
    transforms = re.search(r"^tag-transforms (.*)$", text, re.MULTILINE)
    assert transforms is not None
    pairs = re.findall(r'"([^"]+)" "([^"]+)"', transforms.group(1))
    assert {f"calmdraft/{lb}" for lb in LABELS} <= {k for k, _ in pairs}
    assert re.search(r'^set hidden_tags = ".*calmdraft/drafted"$', text, re.MULTILINE)
    assert "%g" in text


def test_tags_command_lists_keywords_and_the_threat_flag(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # no config: the defaults
    assert main(["tags"]) == 0
    out = capsys.readouterr().out
    assert "calmdraft/threat" in out and "\\Flagged" in out and "--thunderbird" in out
    assert main(["tags", "--thunderbird"]) == 0
    assert capsys.readouterr().out.startswith("// calmdraft tags for Thunderbird")
