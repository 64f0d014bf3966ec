FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY hub ./hub
COPY contracts ./contracts
COPY berichten ./berichten
RUN pip install --no-cache-dir -e ".[postgres]"
ENV HUB_DATA=/data
VOLUME ["/data"]
ENTRYPOINT ["hub"]
CMD ["serve"]
