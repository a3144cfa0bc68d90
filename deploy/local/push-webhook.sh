#!/usr/bin/env bash
# Pushes a JSON file to the ingest gateway as a source would: signed by the Standard Webhooks
# scheme (webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of
# id.timestamp.body>) with the source's whsec_ secret. Prints the answer.
#   deploy/local/push-webhook.sh <url of /ingest/couriers/<name> or /ingest/channels/<name>> <whsec_ secret> <file.json> [webhook id] [extra curl args...]
# e.g. deploy/local/push-webhook.sh http://127.0.0.1:8080/ingest/couriers/delhivery whsec_... scan.json
#      deploy/local/push-webhook.sh http://127.0.0.1:8080/ingest/channels/shopify whsec_... order.json "" -H 'X-Shopify-Topic: orders/updated'
# The same webhook id again is a redelivery: the same events. Needs curl and openssl.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
url=$1 secret=$2 file=$3
id=${4:-}
shift $(( $# >= 4 ? 4 : 3 ))
[ -n "$id" ] || id="msg_$(openssl rand -hex 12)"
case "$secret" in whsec_*) ;; *) echo "the secret starts with whsec_" >&2; exit 2 ;; esac
timestamp=$(date +%s)
key_hex=$(printf '%s' "${secret#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
signature=$( { printf '%s.%s.' "$id" "$timestamp"; cat "$file"; } \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | base64)
curl -sS -X POST "$url" \
  -H 'Content-Type: application/json' \
  -H "webhook-id: $id" \
  -H "webhook-timestamp: $timestamp" \
  -H "webhook-signature: v1,$signature" \
  --data-binary "@$file" \
  -w '\nHTTP %{http_code}\n' "$@"
