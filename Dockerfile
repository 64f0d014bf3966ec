FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY hub ./hub
COPY contracts ./contracts
COPY berichten ./berichten
# De extra postgres brengt psycopg[binary] mee, met libpq in het wiel: de slanke image heeft geen libpq5 nodig.
RUN pip install --no-cache-dir -e ".[postgres]"
ENV HUB_DATA=/data
VOLUME ["/data"]
ENTRYPOINT ["hub"]
CMD ["serve"]
