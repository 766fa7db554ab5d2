"""Turn a raw Markdown export (GitBook, Notion, Obsidian) into notes, or merge it into them."""

from dlnotes.importer.plan import FileChange, ImportPlan, plan_import

__all__ = ["FileChange", "ImportPlan", "plan_import"]
