#!/usr/bin/env bash
# `make dev`: localbase (unless SUPABASE_URL points elsewhere) + the app in production mode on
# one port. Ctrl-C (or TERM) stops both, however often it comes; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
APP_PORT=${APP_PORT:-3000}
LOG_DIR=${LOCALBASE_DIR:-.localbase}/log
APP_LOG=$LOG_DIR/app.log

app_pid="" own_backend=0 stopped=0

stop() {
  # Ignored, not reset: a second Ctrl-C or TERM must not cut the cleanup short, and the
  # commands run from here inherit the ignoring (so `localbase down` finishes too).
  trap '' INT TERM
  if [ "$stopped" = 1 ]; then return; fi
  stopped=1
  echo; echo "Stopping Omni ..."
  if [ -n "$app_pid" ]; then
    kill -TERM -- "-$app_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$app_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$app_pid" 2>/dev/null || true
  fi
  if [ "$own_backend" = 1 ]; then $PY -m localbase down || true; fi
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

if [ -z "${SUPABASE_URL:-}" ]; then
  own_backend=1  # before `up`: a signal while it starts must still bring it down
  $PY -m localbase up
  set -a; eval "$($PY -m localbase env)"; set +a
fi
export OMNI_ENV=${OMNI_ENV:-local}
export OMNI_PUBLIC_URL=${OMNI_PUBLIC_URL:-http://127.0.0.1:$APP_PORT}
# Reflex bakes its websocket URL into the build; it must be the URL the browser uses, or the
# session cookie never reaches the backend.
export REFLEX_API_URL=$OMNI_PUBLIC_URL REFLEX_DEPLOY_URL=$OMNI_PUBLIC_URL

mkdir -p "$LOG_DIR"
# Its own session: the app's whole process group is stopped by stop(), never by the terminal.
setsid .venv/bin/reflex run --env prod --backend-host 127.0.0.1 \
  --frontend-port "$APP_PORT" --backend-port "$APP_PORT" >"$APP_LOG" 2>&1 &
app_pid=$!

echo "Building and starting the app (log: $APP_LOG) ..."
for _ in $(seq 600); do
  if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "The app exited; the end of $APP_LOG:" >&2; tail -n 40 "$APP_LOG" >&2; exit 1
  fi
  if curl -fsS "$OMNI_PUBLIC_URL/api/health" >/dev/null 2>&1; then break; fi
  sleep 0.5
done

cat <<BANNER

  Omni is running:  $OMNI_PUBLIC_URL
  Demo logins:      admin@demo.clinic / omni-demo-admin   (admin, Clínica Demo)
                    staff@demo.clinic / omni-demo-staff   (staff, Clínica Demo)
                    admin@other.clinic / omni-other-admin (admin, Clínica Outra)
  Supabase:         $SUPABASE_URL
  Logs:             $APP_LOG, $LOG_DIR/postgres.log, $LOG_DIR/api.log
  Stop:             Ctrl-C

BANNER
wait "$app_pid"
