"""HTTP adapter: FastAPI app (``create_app``), routes per resource, problem responses (RFC 9457)."""
