"""The published site in a real headless Chromium: search, the dead-link marker, the Links table
filter and the palette toggle."""

from __future__ import annotations

import pytest

from dlnotes.model import KnowledgeBase, Link, Location, Note
from dlnotes.pages import render_links_table
from tests.browser.conftest import ARCHIVE_URL, DEAD_URL, Tab
from tests.site.project import REPO

pytestmark = pytest.mark.browser

RESULT = ".md-search-result__item"


def _search(tab: Tab, query: str) -> None:
    # fill() then an `input` event and one key press: Material's search reacts to all of them,
    # and this is the way that also works for Chinese text (press_sequentially does not).
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.dispatch_event("input")
    box.press("End")
    tab.page.locator(RESULT).first.wait_for(state="visible")


def test_home_loads_without_console_errors(tab: Tab) -> None:
    tab.open()
    assert "Deep learning notes" in tab.page.title()
    assert tab.errors == []


def test_the_tabs_lead_to_the_topic_pages(tab: Tab) -> None:
    tab.open()
    tab.page.locator("nav.md-tabs").get_by_text("Topics").click()
    tab.page.wait_for_url("**/general/")
    sidebar = tab.page.locator("nav.md-nav--primary")
    sidebar.get_by_text("Overfitting").first.click()
    tab.page.wait_for_url("**/overfitting/")
    assert tab.errors == []


def test_search_finds_the_overfitting_page(tab: Tab) -> None:
    tab.open()
    _search(tab, "overfitting")
    links = tab.page.locator(f"{RESULT} a.md-search-result__link")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert any("overfitting/" in href for href in hrefs), hrefs
    first = next(i for i, href in enumerate(hrefs) if "overfitting/" in href)
    links.nth(first).click()
    tab.page.wait_for_url("**/overfitting/**")
    assert tab.page.locator("h1").first.inner_text().startswith("Overfitting")
    assert tab.errors == []


def test_chinese_search_lists_the_chinese_links(tab: Tab) -> None:
    tab.open()
    _search(tab, "深度学习")
    text = tab.page.locator(".md-search-result").inner_text()
    assert "深度学习" in text.replace("\u200b", "")
    assert "“深度学习”教程" in text.replace("\u200b", "") or "一图看尽深度学习架构谱系" in text
    assert tab.errors == []


def test_a_dead_link_shows_its_marker_and_archive_on_its_topic_page(tab: Tab) -> None:
    tab.open("overfitting/")
    link = tab.page.locator(f'a.dl-link--dead[href="{DEAD_URL}"]')
    assert link.count() == 1
    meta = link.locator("xpath=following-sibling::span[@class='dl-meta'][1]")
    assert meta.locator(".dl-status--dead").inner_text().lower() == "dead"
    archive = meta.locator("a.dl-archive")
    assert archive.get_attribute("href") == ARCHIVE_URL
    assert archive.is_visible()
    assert tab.errors == []


def test_link_health_lists_the_dead_link_with_its_archive(tab: Tab) -> None:
    tab.open("link-health/")
    dead = tab.page.locator(".dl-health--dead tr[data-status='dead']")
    assert dead.count() == 1
    assert dead.locator(f'a[href="{DEAD_URL}"]').count() == 1
    assert dead.locator("a.dl-archive").get_attribute("href") == ARCHIVE_URL
    assert "last refreshed" in tab.page.locator("article").inner_text()
    assert tab.errors == []


def test_links_table_filter_narrows_the_rows(tab: Tab) -> None:
    tab.open("links/")
    rows = tab.page.locator("#dl-links-table tbody tr")
    total = rows.count()
    assert total == 55
    tab.page.locator("input.dl-filter").fill("youtube")
    visible = tab.page.locator("#dl-links-table tbody tr:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    for i in range(shown):
        assert "youtube" in visible.nth(i).inner_text().lower()
    assert f"{shown} of {total}" in tab.page.locator(".dl-filter-count").inner_text()
    tab.page.locator("input.dl-filter").fill("")
    assert visible.count() == total
    assert tab.errors == []


def test_links_table_sorts_by_a_column(tab: Tab) -> None:
    tab.open("links/")
    header = tab.page.locator("#dl-links-table thead th", has_text="Domain")
    header.click()
    cells = tab.page.locator("#dl-links-table tbody tr td:nth-child(2)").all_inner_texts()
    assert cells == sorted(cells, key=str.casefold)
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    cells = tab.page.locator("#dl-links-table tbody tr td:nth-child(2)").all_inner_texts()
    assert cells == sorted(cells, key=str.casefold, reverse=True)


def test_links_table_shows_every_column_on_a_laptop_screen(tab: Tab) -> None:
    # 1,280 px wide (the tab's viewport), with the widest row the site has: "Checked", the
    # last column, must not need a scroll.
    tab.open("links/")
    assert tab.page.locator("#dl-links-table .dl-status", has_text="could not verify").count()
    widths = tab.page.evaluate(
        """() => {
            const table = document.querySelector("#dl-links-table");
            const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
            return [table.scrollWidth, wrap.clientWidth];
        }"""
    )
    table, room = widths
    assert table <= room, f"the table is {table} px wide in {room} px"
    last = tab.page.locator("#dl-links-table thead th").last
    assert last.inner_text().startswith("Checked")


def test_links_table_fits_a_phone_screen(tab: Tab) -> None:
    # 390 px: seven columns would scroll sideways, so each link is a card, its title above
    # the rest; the filter and the sort still work.
    tab.page.set_viewport_size({"width": 390, "height": 844})
    tab.open("links/")
    table, room, page, screen = tab.page.evaluate(
        """() => {
            const table = document.querySelector("#dl-links-table");
            const wrap = table.closest(".md-typeset__scrollwrap") || table.parentElement;
            return [table.scrollWidth, wrap.clientWidth,
                    document.documentElement.scrollWidth, window.innerWidth];
        }"""
    )
    assert table <= room, f"the table is {table} px wide in {room} px"
    assert page <= screen
    row = tab.page.locator("#dl-links-table tbody tr").first
    title, domain = (row.locator("td").nth(i).bounding_box() for i in (0, 1))
    assert title is not None and domain is not None
    assert domain["y"] >= title["y"] + title["height"] - 1  # the rest goes under the title
    tab.page.locator("input.dl-filter").fill("youtube")
    hidden = tab.page.locator("#dl-links-table tbody tr[hidden]")
    assert hidden.count() > 0
    assert hidden.first.bounding_box() is None  # hidden, not just marked so
    tab.page.locator("input.dl-filter").fill("")
    tab.page.locator("#dl-links-table thead th", has_text="Domain").click()
    cells = tab.page.locator("#dl-links-table tbody tr td:nth-child(2)").all_inner_texts()
    assert cells == sorted(cells, key=str.casefold)
    assert tab.errors == []


def test_palette_toggle_switches_light_and_dark(tab: Tab) -> None:
    tab.open()
    body = tab.page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    tab.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    tab.page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    background = tab.page.evaluate(
        "getComputedStyle(document.body).getPropertyValue('--md-default-bg-color')"
    )
    assert background.strip() not in ("", "#fff", "#ffffff")
    tab.page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    tab.page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert tab.errors == []


def test_links_table_script_writes_titles_and_urls_as_text(tab: Tab) -> None:
    """The script builds the rows from JSON: a title or URL holding markup must stay text."""
    hostile = '<img src="x" onerror="window.dlPwned = 1">'
    url = 'https://x.example/?a=1&b="><img src=x onerror=window.dlPwned=2>'
    link = Link(url=url, title=hostile, location=Location("notes/a.md", 3))
    kb = KnowledgeBase([Note(path="a.md", title="A", links=[link])])
    table = render_links_table(kb, {}, lambda path, anchor: "../a/")
    script = (REPO / "src" / "dlnotes" / "assets" / "dlnotes.js").read_text(encoding="utf-8")
    tab.page.set_content(f"<!doctype html><html><body>{table}<script>{script}</script></body>")
    rows = tab.page.locator("#dl-links-table tbody tr")
    rows.first.wait_for()
    assert rows.count() == 1
    anchor = rows.first.locator("td").first.locator("a")
    assert anchor.inner_text() == hostile
    assert anchor.get_attribute("href") == url
    assert tab.page.locator("#dl-links-table tbody img").count() == 0
    assert tab.page.evaluate("window.dlPwned") is None
    assert tab.errors == []
