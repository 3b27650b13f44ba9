"""Knowledge layer: load ``kb/`` YAML, validate it strictly, and build a frozen KnowledgeBase."""
