"""The knowledge book for reviewers and the change log between two knowledge-base versions.

Pure functions from a :class:`~twitchcheck.knowledge.model.KnowledgeBase` to strings: a static
site (``render.render_site``: file name → HTML, inline CSS, no script, no external request other
than the source links a reader may follow), the same content as one Markdown file
(``render.render_markdown``), and ``changelog.diff`` between two versions. ``twitchcheck kb book``
and ``twitchcheck kb diff`` write and print them.
"""
