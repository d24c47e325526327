#!/usr/bin/env bash
# Mints a development JWT that the services accept, signed with the local key pair.
#
# Usage: token.sh --sub STAFF_ID --roles ROLE[,ROLE...] [--ttl SECONDS]
#        token.sh keys        (only create the key pair, if missing)
#
# Prints one line: an RS256 JWT with iss=https://dealstream.local, sub, upn (= sub), groups (the
# roles), iat, exp (default: 8 hours later) and a random jti. The key pair lives in
# $DEALSTREAM_HOME/jwt/ (private.pem: RSA 2048, PKCS#8; public.pem: what the services verify with)
# and is created once, by `./dealstream up` or by the first token.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

JWT_DIR="$DEALSTREAM_HOME/jwt"
ISSUER="https://dealstream.local"
VALID_ROLES=(rep manager executive admin auditor bi)
DEFAULT_TTL=$((8 * 3600))

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

# Creates the key pair once. A lock makes concurrent first calls (parallel tests, `up` and a
# token) create one pair, and the files appear under their final names only when complete.
ensure_keys() {
  [[ -s "$JWT_DIR/private.pem" && -s "$JWT_DIR/public.pem" ]] && return 0
  command -v openssl >/dev/null || die "openssl is needed to create the JWT keys: apt-get install -y openssl"
  mkdir -p "$JWT_DIR"
  chmod 700 "$JWT_DIR"
  (
    umask 077
    exec 8>"$JWT_DIR/.lock"
    flock 8
    [[ -s "$JWT_DIR/private.pem" && -s "$JWT_DIR/public.pem" ]] && exit 0
    # OpenSSL 3 writes PKCS#8 ("BEGIN PRIVATE KEY"), which is what smallrye-jwt reads.
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$JWT_DIR/private.pem.tmp" 2>/dev/null
    openssl pkey -in "$JWT_DIR/private.pem.tmp" -pubout -out "$JWT_DIR/public.pem.tmp"
    chmod 644 "$JWT_DIR/public.pem.tmp"
    mv "$JWT_DIR/private.pem.tmp" "$JWT_DIR/private.pem"
    mv "$JWT_DIR/public.pem.tmp" "$JWT_DIR/public.pem"
  )
}

b64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# JSON string literal: escapes backslash and double quote; control characters are refused.
json_string() {
  [[ "$1" != *[[:cntrl:]]* ]] || die "control characters are not allowed in '$1'"
  local s="${1//\\/\\\\}"
  printf '"%s"' "${s//\"/\\\"}"
}

random_jti() {
  if [[ -r /proc/sys/kernel/random/uuid ]]; then
    cat /proc/sys/kernel/random/uuid
  else
    openssl rand -hex 16
  fi
}

# Checks ROLE[,ROLE...] against the known roles and prints them as a JSON array.
roles_json() {
  local role list=() out=""
  IFS=',' read -r -a list <<<"$1"
  [[ ${#list[@]} -gt 0 ]] || die "--roles needs at least one role (${VALID_ROLES[*]})"
  for role in "${list[@]}"; do
    if [[ ! " ${VALID_ROLES[*]} " == *" $role "* ]]; then
      die "unknown role '$role': valid roles are ${VALID_ROLES[*]}"
    fi
    out+="${out:+,}$(json_string "$role")"
  done
  printf '[%s]' "$out"
}

mint() {
  local sub="" roles="" ttl="$DEFAULT_TTL"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --sub) sub="${2:-}"; shift 2 || die "--sub needs a value" ;;
      --sub=*) sub="${1#*=}"; shift ;;
      --roles) roles="${2:-}"; shift 2 || die "--roles needs a value" ;;
      --roles=*) roles="${1#*=}"; shift ;;
      --ttl) ttl="${2:-}"; shift 2 || die "--ttl needs a value" ;;
      --ttl=*) ttl="${1#*=}"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown argument '$1' (usage: token --sub STAFF_ID --roles ROLE[,ROLE] [--ttl SECONDS])" ;;
    esac
  done
  [[ -n "$sub" ]] || die "--sub STAFF_ID is required (usage: token --sub STAFF_ID --roles ROLE[,ROLE] [--ttl SECONDS])"
  [[ -n "$roles" ]] || die "--roles ROLE[,ROLE] is required; valid roles: ${VALID_ROLES[*]}"
  [[ "$ttl" =~ ^[1-9][0-9]{0,8}$ ]] || die "--ttl must be a positive number of seconds (got '$ttl')"

  local groups now header payload signing_input signature
  groups="$(roles_json "$roles")"
  ensure_keys
  now="$(date +%s)"
  header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
  payload="$(printf '{"iss":%s,"sub":%s,"upn":%s,"groups":%s,"iat":%d,"exp":%d,"jti":%s}' \
    "$(json_string "$ISSUER")" "$(json_string "$sub")" "$(json_string "$sub")" "$groups" \
    "$now" $((now + ttl)) "$(json_string "$(random_jti)")" | b64url)"
  signing_input="$header.$payload"
  signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$JWT_DIR/private.pem" -binary | b64url)"
  echo "$signing_input.$signature"
}

main() {
  case "${1:-}" in
    keys) ensure_keys ;;
    "" | -h | --help | help) usage ;;
    *) mint "$@" ;;
  esac
}

main "$@"
