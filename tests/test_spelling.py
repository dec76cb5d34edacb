"""Did-you-mean's table: the hub's words with the number of pages using each, kept by page hash."""

from __future__ import annotations

import json

from hub_plugin.search import spelling

WORDS = {"a": ["water", "kiosks", "of", "2015"], "b": ["water", "compost"], "c": ["waiter"]}


def reader(asked: list[str]):
    def words_of(page_id: str) -> list[str]:
        asked.append(page_id)
        return WORDS[page_id]
    return words_of


def test_the_table_counts_pages_per_word_and_leaves_out_short_words_and_numbers(tmp_path):
    table = spelling.update_table(tmp_path, [("a", "1"), ("b", "1")], reader([]))
    assert table == {"compost": 1, "kiosks": 1, "water": 2}
    assert spelling.read_table(tmp_path) == table


def test_only_pages_whose_hash_changed_are_read_again(tmp_path):
    asked: list[str] = []
    spelling.update_table(tmp_path, [("a", "1"), ("b", "1")], reader(asked))
    asked.clear()
    table = spelling.update_table(tmp_path, [("a", "1"), ("b", "2"), ("c", "1")], reader(asked))
    assert asked == ["b", "c"]
    assert table["water"] == 2 and table["waiter"] == 1


def test_a_removed_page_no_longer_counts(tmp_path):
    spelling.update_table(tmp_path, [("a", "1"), ("b", "1")], reader([]))
    table = spelling.update_table(tmp_path, [("b", "1")], reader([]))
    assert table == {"compost": 1, "water": 1}


def test_a_damaged_words_file_means_every_page_is_read_again(tmp_path):
    spelling.update_table(tmp_path, [("a", "1"), ("b", "1")], reader([]))
    (tmp_path / spelling.WORDS_FILE).write_bytes(b"not a pickle")
    asked: list[str] = []
    assert spelling.update_table(tmp_path, [("a", "1"), ("b", "1")], reader(asked))["water"] == 2
    assert asked == ["a", "b"]


def test_a_missing_table_reads_as_empty(tmp_path):
    assert spelling.read_table(tmp_path) == {}
    (tmp_path / spelling.TABLE_FILE).write_text("{", encoding="utf-8")
    assert spelling.read_table(tmp_path) == {}


def test_the_table_file_is_plain_json_in_word_order(tmp_path):
    spelling.update_table(tmp_path, [("a", "1"), ("b", "1"), ("c", "1")], reader([]))
    text = (tmp_path / spelling.TABLE_FILE).read_text(encoding="utf-8")
    assert list(json.loads(text)) == ["compost", "kiosks", "waiter", "water"]


def test_the_closest_word_wins_then_the_more_used_then_the_first_alphabetically():
    assert spelling.closest("watr", {"water": 1, "waters": 9}) == "water"          # one edit beats two
    assert spelling.closest("wates", {"water": 1, "waters": 9, "wage": 50}) == "waters"  # same distance: more pages
    assert spelling.closest("bat", {"cat": 3, "hat": 3}) == "cat"                   # same count: alphabetical
    assert spelling.closest("kiosk", {"water": 5}) is None                          # nothing within two edits


def test_distance_stops_once_it_must_exceed_the_limit():
    assert spelling.distance("sanitaton", "sanitation", 2) == 1
    assert spelling.distance("abc", "xyz", 2) == 3
    assert spelling.distance("composting", "water", 2) == 3


def test_an_update_with_nothing_changed_writes_nothing(tmp_path):
    spelling.update_table(tmp_path, [("a", "1"), ("b", "1")], reader([]))
    written = {name: (tmp_path / name).stat().st_mtime_ns for name in (spelling.WORDS_FILE, spelling.TABLE_FILE)}
    asked: list[str] = []
    assert spelling.update_table(tmp_path, [("a", "1"), ("b", "1")], reader(asked)) == {"compost": 1, "kiosks": 1,
                                                                                      "water": 2}
    assert asked == [] and written == {name: (tmp_path / name).stat().st_mtime_ns for name in written}
