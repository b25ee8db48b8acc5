# syntax=docker/dockerfile:1

# Build stage: compile nothing into the final image but the virtualenv itself.
FROM python:3.11.7-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
COPY requirements/ /tmp/requirements/
RUN /opt/venv/bin/pip install -r /tmp/requirements/prod.txt

# Runtime stage: the virtualenv, the code, collected static files, a non-root user.
FROM python:3.11.7-slim-bookworm
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=settings.prod \
    HOST=0.0.0.0 \
    PORT=8000
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --chown=app:app . .
# collectstatic needs production settings to import, not real values: these exist for this step only.
RUN SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost EMAIL_URL=consolemail:// \
    PASSWORD_RESET_CONFIRM_URL=unused EMAIL_CONFIRM_URL=unused SITE_NAME=unused SITE_DOMAIN=unused \
    python manage.py collectstatic --noinput --verbosity 0
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
ENTRYPOINT ["bin/entrypoint"]
CMD ["gunicorn", "--config", "config/gunicorn.conf.py", "config.wsgi"]
