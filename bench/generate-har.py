#!/usr/bin/env python3
"""Writes a HAR 1.2 file of N exchanges shaped like real registry pushes, for bench/analyze-large-har.sh.

Each push: ping (401), token fetch, then per layer HEAD (404), POST (202), PATCH (202), PUT (201), HEAD (307 to a
presigned S3 URL) and the S3 HEAD (200; 403 in one push of fifty, as when s3:GetObject is missing), and the
manifest PUT (201). Usage: generate-har.py N OUT.har
"""
import base64
import hashlib
import json
import sys
from datetime import datetime, timedelta, timezone

REGISTRY = "https://registry.test:5000"
S3 = "https://s3.test:9000"


def hdrs(pairs):
    return [{"name": n, "value": v} for n, v in pairs]


def entry(start, method, url, status, req_headers, resp_headers, mime="", text=None, body_size=0, req_body=0):
    query = []
    if "?" in url:
        for part in url.split("?", 1)[1].split("&"):
            name, _, value = part.partition("=")
            query.append({"name": name, "value": value})
    content = {"size": len(text) if text is not None else body_size, "mimeType": mime}
    if text is not None:
        content["text"] = text
    return {
        "startedDateTime": start.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "time": 12.5,
        "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "cookies": [],
                    "headers": hdrs(req_headers), "queryString": query, "headersSize": -1, "bodySize": req_body},
        "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1", "cookies": [],
                     "headers": hdrs(resp_headers), "content": content, "redirectURL": "",
                     "headersSize": -1, "bodySize": content["size"]},
        "cache": {},
        "timings": {"send": 0.5, "wait": 10.0, "receive": 2.0},
    }


def b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def push(index, start):
    repo = f"group{index % 97}/project{index % 13}/image{index}"
    scope = f"repository:{repo}:push,pull"
    ua = [("User-Agent", "containers/5.21.1 (github.com/containers/image)"), ("Connection", "close")]
    token = b64({"alg": "RS256", "typ": "JWT"}) + "." + b64({
        "iss": "gitlab-issuer", "aud": "container_registry", "iat": 1764320000, "exp": 1764320300,
        "access": [{"type": "repository", "name": repo, "actions": ["push", "pull"]}]}) + ".c2lnbmF0dXJl"
    bearer = ua + [("Authorization", "Bearer " + token)]
    t = start
    out = []

    def add(*args, **kwargs):
        nonlocal t
        out.append(entry(t, *args, **kwargs))
        t += timedelta(milliseconds=15)

    challenge = f'Bearer realm="{REGISTRY}/jwt/auth",service="container_registry",scope="{scope}"'
    add("GET", f"{REGISTRY}/v2/", 401, ua,
        [("Content-Type", "application/json"), ("Docker-Distribution-Api-Version", "registry/2.0"),
         ("Www-Authenticate", challenge)], "application/json",
        '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]}')
    add("GET", f"{REGISTRY}/jwt/auth?scope={scope}&service=container_registry", 200,
        ua + [("Authorization", "Basic dXNlcjpwYXNzd29yZA==")], [("Content-Type", "application/json")],
        "application/json", json.dumps({"token": token, "expires_in": 300}))
    forbidden = index % 50 == 49
    for layer in range(2):
        digest = "sha256:" + hashlib.sha256(f"{index}/{layer}".encode()).hexdigest()
        uuid = hashlib.md5(f"{index}/{layer}".encode()).hexdigest()
        blob = f"{REGISTRY}/v2/{repo}/blobs/{digest}"
        upload = f"{REGISTRY}/v2/{repo}/blobs/uploads/{uuid}?_state=c3RhdGU"
        add("HEAD", blob, 404, bearer, [("Docker-Distribution-Api-Version", "registry/2.0")])
        add("POST", f"{REGISTRY}/v2/{repo}/blobs/uploads/", 202, bearer,
            [("Location", upload), ("Docker-Upload-Uuid", uuid), ("Range", "0-0")])
        add("PATCH", upload, 202, bearer + [("Content-Type", "application/octet-stream")],
            [("Location", upload), ("Range", "0-2097151")], req_body=2097152)
        add("PUT", upload + "&digest=" + digest, 201, bearer,
            [("Location", blob), ("Docker-Content-Digest", digest)])
        presigned = (f"{S3}/registry/docker/registry/v2/blobs/sha256/{digest[7:9]}/{digest[7:]}/data"
                     "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261128%2Fus-east-1%2Fs3%2Faws4_request"
                     "&X-Amz-Date=20261128T100000Z&X-Amz-Expires=1200&X-Amz-SignedHeaders=host&X-Amz-Signature=" + "ab" * 32)
        add("HEAD", blob, 307, bearer, [("Location", presigned), ("Docker-Content-Digest", digest)])
        if forbidden:
            add("HEAD", presigned, 403, ua, [("Date", "Sat, 28 Nov 2026 10:00:01 GMT"), ("Server", "AmazonS3")])
            break
        add("HEAD", presigned, 200, ua,
            [("Content-Length", "2097152"), ("Content-Type", "application/octet-stream"), ("ETag", '"' + uuid + '"')])
    if not forbidden:
        manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json"})
        add("PUT", f"{REGISTRY}/v2/{repo}/manifests/latest", 201,
            bearer + [("Content-Type", "application/vnd.oci.image.manifest.v1+json")],
            [("Docker-Content-Digest", "sha256:" + hashlib.sha256(manifest.encode()).hexdigest())], req_body=len(manifest))
    return out, t


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: generate-har.py N OUT.har")
    total, path = int(sys.argv[1]), sys.argv[2]
    start = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)
    written = 0
    index = 0
    with open(path, "w") as f:
        f.write('{"log":{"version":"1.2","creator":{"name":"regdiag bench/generate-har.py","version":"1"},"entries":[')
        while written < total:
            entries, start = push(index, start)
            for e in entries[: total - written]:
                f.write(("," if written else "") + json.dumps(e, separators=(",", ":")))
                written += 1
            index += 1
        f.write("]}}\n")


if __name__ == "__main__":
    main()
