#!/bin/bash
# Placeholder application: a static page and a health endpoint on the app port, served by the
# python3 that Amazon Linux 2023 ships. Replace this script with your application's bootstrap.
set -euo pipefail

root=/srv/www
mkdir -p "$root"

token=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 300")
instance=$(curl -sS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/instance-id)
zone=$(curl -sS -H "X-aws-ec2-metadata-token: $token" http://169.254.169.254/latest/meta-data/placement/availability-zone)

cat > "$root/index.html" <<PAGE
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>@NAME@</title></head>
<body><h1>@NAME@</h1><p>Served by $instance in $zone.</p></body></html>
PAGE

health="$root@HEALTH_PATH@"
if [ "@HEALTH_PATH@" = "/" ]; then health="$root/index.html"; fi
mkdir -p "$(dirname "$health")"
echo ok > "$health"

cat > /etc/systemd/system/web.service <<UNIT
[Unit]
Description=@NAME@ placeholder web server
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/bin/python3 -m http.server @APP_PORT@ --directory $root
DynamicUser=yes
Restart=always

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now web.service
