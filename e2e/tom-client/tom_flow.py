"""The DESC TOM's client flow against the hub, as the TOM's own scripts do it (python `requests`).

Usage: tom_flow.py <base url> <username> <password> <an object id> <an alert id> <its source id>
The user needs VIEWER, BROKER (the broker message PUT) and SQL (runsqlquery).
Prints one JSON object: what each step saw. Exits non-zero (with the reason) when a step fails.
"""

import json
import sys

import requests


class TomSession:
    """What the TOM's TomClient does: the Django form login, then X-CSRFToken on every call."""

    def __init__(self, url, username, password):
        self.url = url.rstrip("/")
        self.rqs = requests.session()
        first = self.rqs.get(f"{self.url}/accounts/login/")
        if first.status_code != 200:
            raise RuntimeError(f"login page answered {first.status_code}")
        res = self.rqs.post(
            f"{self.url}/accounts/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.rqs.cookies["csrftoken"],
            },
        )
        self.login_status = res.status_code
        self.login_refused = "Please enter a correct" in res.text
        if res.status_code == 200 and not self.login_refused:
            self.rqs.headers.update({"X-CSRFToken": self.rqs.cookies["csrftoken"]})

    def request(self, method, page, **kwargs):
        return self.rqs.request(method=method, url=f"{self.url}/{page}", **kwargs)


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def main():
    url, username, password = sys.argv[1], sys.argv[2], sys.argv[3]
    objectid, alertid, sourceid = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    seen = {}

    wrong = TomSession(url, username, password + "-wrong")
    check(wrong.login_refused and wrong.login_status != 200, "a wrong password is refused")
    seen["wrong_password_status"] = wrong.login_status

    tom = TomSession(url, username, password)
    check(tom.login_status == 200 and not tom.login_refused, f"login: {tom.login_status}")
    seen["session_cookie"] = "sessionid" in tom.rqs.cookies

    objs = tom.request("GET", "elasticc/diaobject/")
    check(objs.status_code == 200, f"diaobject list: {objs.status_code} {objs.text[:200]}")
    body = objs.json()
    check(set(body) == {"count", "next", "previous", "results"}, f"list keys {list(body)}")
    ids = [o["diaObjectId"] for o in body["results"]]
    check(objectid in ids, f"{objectid} exact in {ids}")
    seen["objects"] = body["count"]

    # Every source, page by page, following `next` as the TOM's scripts do.
    page = tom.request("GET", "elasticc/diasource/").json()
    count, source_ids, pages = page["count"], [], 0
    while True:
        pages += 1
        source_ids += [s["diaSourceId"] for s in page["results"]]
        if page["next"] is None:
            break
        page = tom.rqs.get(page["next"]).json()
    check(len(source_ids) == count == len(set(source_ids)), f"{len(source_ids)} sources of {count}")
    seen["sources"] = count
    seen["source_pages"] = pages

    one = tom.request("GET", f"elasticc/diaobject/{objectid}/").json()
    check(one["diaObjectId"] == objectid, f"detail {one}")

    shapes = {}
    for fmt in (0, 1, 2):
        res = tom.request("POST", "elasticc2/ltcv", json={"objectid": objectid, "return_format": fmt, "include_hostinfo": True})
        check(res.status_code == 200, f"ltcv {fmt}: {res.status_code} {res.text[:200]}")
        data = res.json()
        check(data["status"] == "ok", f"ltcv {fmt} status")
        shapes[fmt] = data["diaobject"]
    check(shapes[0][0]["objectid"] == objectid and shapes[0][0]["zp"] == 27.5, "ltcv 0 object")
    n = len(shapes[0][0]["photometry"]["mjd"])
    check(n > 0 and len(shapes[1][0]["flux"]) == n, "ltcv 1 has the same points, flat")
    check(shapes[2]["objectid"] == [objectid] and len(shapes[2]["mjd"][0]) == n, "ltcv 2 columns")
    seen["ltcv_points"] = n

    bad = tom.request("POST", "elasticc2/ltcv", json={"objectid": objectid, "colour": "red"})
    check(bad.status_code == 400 and bad.json()["code"] == "BAD_USER_INPUT", f"bad request {bad.text}")
    seen["bad_request"] = bad.json()

    no_csrf = tom.rqs.post(f"{tom.url}/elasticc2/ltcv", json={"objectid": objectid}, headers={"X-CSRFToken": ""})
    check(no_csrf.status_code == 403 and no_csrf.json()["code"] == "FORBIDDEN", f"no csrf {no_csrf.status_code}")

    hot = tom.request("POST", "elasticc2/gethottransients", json={"detected_since_mjd": 0, "return_format": 2})
    check(objectid in hot.json()["diaobject"]["objectid"], "hot transients")

    # A broker's classification, pushed as brokers push to the TOM (ms timestamps, 64-bit ids).
    message = {
        "alertId": alertid,
        "diaSourceId": sourceid,
        "elasticcPublishTimestamp": 1764700000000,
        "brokerIngestTimestamp": 1764700001000,
        "brokerName": "TomFlowBroker",
        "brokerVersion": "1.0",
        "classifierName": "RandomForest",
        "classifierParams": "v1",
        "classifications": [{"classId": 2222, "probability": 0.75}, {"classId": 2223, "probability": 0.25}],
        "brokerPublishTimestamp": 1764700002000,
    }
    put = tom.request("PUT", "elasticc2/brokermessage/", json=[message])
    check(put.status_code == 201, f"broker PUT: {put.status_code} {put.text[:300]}")
    check(put.json()["num_loaded"] == 1 and "/elasticc2/brokermessage/" in put.headers["Location"], f"PUT {put.text}")
    again = tom.request("PUT", "elasticc2/brokermessage/", json=message)
    check(again.status_code == 201 and again.json()["num_loaded"] == 0, f"the same message again {again.text}")
    seen["broker_put"] = put.json()["num_loaded"]

    sql = tom.request("POST", "db/runsqlquery/", json={"query": "SELECT dia_object_id FROM alerts.dia_object ORDER BY 1"})
    check(sql.status_code == 200, f"runsqlquery read: {sql.status_code} {sql.text[:300]}")
    check([r["dia_object_id"] for r in sql.json()["rows"]][0] == objectid, f"runsqlquery ids exact {sql.text[:300]}")
    write = tom.request("POST", "db/runsqlquery/", json={"query": "DELETE FROM alerts.dia_object"})
    check(write.status_code >= 400 and write.json()["status"] == "error", f"a write is refused: {write.text[:300]}")
    seen["runsqlquery_rows"] = len(sql.json()["rows"])
    seen["runsqlquery_write"] = write.json()["code"]

    print(json.dumps(seen))


if __name__ == "__main__":
    try:
        main()
    except (AssertionError, RuntimeError, KeyError, ValueError) as failure:
        print(f"tom_flow failed: {failure!r}", file=sys.stderr)
        sys.exit(1)
