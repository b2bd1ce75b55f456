"""The live room's benchmark (bench/live.py): the people in the hall. Citizens register through
the QR form, the screens and the consoles poll, the secretary calls the speakers."""

from __future__ import annotations

import html
import json
import random
import re
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from live_http import Browser, Tally, form_field

SEEN_TIMEOUT = 5.0  # the secretary waits at most this long for every screen to show a call
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Lương", "Nông", "Lý", "Triệu",
          "Hà", "Đặng", "Bế", "Lục", "Mông")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Hữu", "Kim", "Xuân")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Duyên", "Giang", "Hà", "Hải", "Hạnh", "Hùng",
         "Huyền", "Khánh", "Lan", "Long", "Mai", "Nam", "Nga", "Pản", "Phúc", "Quý", "Sáng",
         "Thắm", "Thơ", "Tùng", "Vân", "Xuyến")
TOPICS = ("Đường liên thôn xuống cấp, đề nghị sửa trước mùa mưa.",
          "Cấp giấy chứng nhận quyền sử dụng đất còn chậm.",
          "Nước sinh hoạt thiếu vào mùa khô.",
          "Bồi thường giải phóng mặt bằng tuyến đường tỉnh.",
          "Điện chiếu sáng ở ngã ba vào thôn.",
          "Hỗ trợ giống cây trồng sau đợt rét đậm.",
          "Trật tự xây dựng dọc hành lang đường bộ.",
          "")
SPEECH = ("Tôi xin phản ánh: {topic} Bà con trong thôn đã nhiều lần kiến nghị nhưng chưa được "
          "giải quyết dứt điểm. Đề nghị Ủy ban nhân dân xã xem xét, có kế hoạch cụ thể và trả "
          "lời cho bà con được rõ.")
ANSWER = ("Ủy ban nhân dân xã ghi nhận ý kiến; giao bộ phận chuyên môn kiểm tra thực tế trong "
          "tháng này và đưa vào kế hoạch năm sau nếu đủ điều kiện.")


def names(count: int, rng: random.Random) -> list[str]:
    every = [f"{f} {m} {g}" for f in FAMILY for m in MIDDLE for g in GIVEN]
    if count > len(every):
        every += [f"{name} {i}" for i in range(count // len(every) + 1) for name in every]
    return rng.sample(every, count)


# --- 1. registration -------------------------------------------------------------------------

def participant(port: int, tally: Tally, form: str, name: str, topic: str, arrive: float,
                rng: random.Random) -> bool:
    """One phone: open the form, send it, read the confirmation. True when registered."""
    delay = arrive - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    phone = Browser(port, tally)
    start = time.perf_counter()
    try:
        status, _headers, text = phone.request("QR form page (GET)", "GET", form, ok=(200,))
        if status != 200:
            return False
        villages = re.findall(r'<option value="(\d+)"', text)
        status, headers, text = phone.request(
            "QR form sent (POST → 302)", "POST", form,
            {"csrfmiddlewaretoken": form_field(text, "csrfmiddlewaretoken"),
             "nonce": form_field(text, "nonce"), "full_name": name,
             "village": rng.choice(villages) if villages else "", "topic": topic},
            ok=(302,))
        if status != 302:
            return False
        location = urlsplit(headers.get("Location", ""))
        target = location.path + (f"?{location.query}" if location.query else "")
        status, _headers, text = phone.request("QR confirmation page (GET ?so=N)", "GET",
                                               target, ok=(200,))
        if status != 200 or name not in text:
            if status == 200:
                tally.fail("QR confirmation page (GET ?so=N)", "200 without the name")
            return False
        tally.add("QR, the phone's three requests together", (time.perf_counter() - start)
                  * 1000)
        return True
    finally:
        phone.close()


def register_all(args, port: int, tally: Tally, form: str, rng: random.Random) -> float:
    people = names(args.participants, rng)
    start = time.perf_counter() + 0.5
    arrivals = sorted(start + rng.uniform(0, args.window) for _ in people)
    jobs = [(name, rng.choice(TOPICS), at, random.Random(rng.random()))
            for name, at in zip(people, arrivals, strict=True)]
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        done = list(pool.map(lambda job: participant(port, tally, form, *job), jobs))
    took = time.perf_counter() - start
    print(f"  {sum(done)} of {len(done)} registered in {took:.1f} s "
          f"({len(done) / took:.1f} a second)")
    return took


# --- 3. the screens and the consoles' polling ------------------------------------------------

class Poller(threading.Thread):
    """A hall screen (htmx `every 1s`: a timer at a fixed rate; a tick due while a request
    is out fires as soon as it is back) or a console polling its state."""

    def __init__(self, browser: Browser, path: str, every: float, labels: dict, stop,
                 phase: list, rng: random.Random, screen: bool):
        super().__init__(daemon=True)
        self.browser, self.path, self.every, self.labels = browser, path, every, labels
        self.stop_event, self.phase, self.rng, self.screen = stop, phase, rng, screen
        self.first_seen: dict[str, float] = {}  # speaker's name → when this screen showed it

    def run(self) -> None:
        due = time.perf_counter() + self.rng.uniform(0, self.every)
        while not self.stop_event.is_set():
            wait = due - time.perf_counter()
            if wait > 0 and self.stop_event.wait(wait):
                break
            due += self.every
            status, _headers, text = self.browser.request(self.labels[self.phase[0]], "GET",
                                                          self.path, ok=(200,))
            shown = time.perf_counter()
            if self.screen and status == 200:
                found = re.search(r'<p class="hall-name">(.*?)</p>', text, re.S)
                name = html.unescape(found.group(1)).split(" — ")[0].strip() if found else ""
                if name and name not in self.first_seen:
                    self.first_seen[name] = shown
            due = max(due, time.perf_counter())
        self.browser.close()


def console_state_once(browser: Browser, urls: dict) -> None:
    """The secretary's console state with the whole queue waiting, read once (console.js polls
    it every 2 s; --console does so throughout)."""
    start = time.perf_counter()
    status, _headers, text = browser.request("console state, once, whole queue waiting", "GET",
                                             urls["state"] + "?view=secretary", ok=(200,))
    took = (time.perf_counter() - start) * 1000
    print(f"  console state fragment (secretary), read once with the queue full: {took:,.0f} ms, "
          f"{len(text.encode()) / 1e6:.2f} MB (status {status})")


# --- 2. the speakers -------------------------------------------------------------------------

class Secretary:
    def __init__(self, browser: Browser, urls: dict, console: bool):
        self.browser, self.urls, self.console = browser, urls, console

    def act(self, label: str, **fields) -> dict:
        fields["client_key"] = uuid.uuid4().hex
        status, _headers, text = self.browser.request(
            label, "POST", self.urls["act"], fields, ok=(200,),
            headers={"X-CSRFToken": self.browser.cookies.get("csrftoken", ""),
                     "X-Requested-With": "fetch"})
        try:
            return json.loads(text) if status == 200 else {}
        except ValueError:
            return {}

    def refresh(self, selected: int | None) -> None:
        """What console.js does after a change: the state, then the selected speaker (only
        with --console)."""
        if not self.console:
            return
        self.browser.request("console state after a change", "GET", self.urls["state"],
                             ok=(200,))
        if selected:
            path = self.urls["speaker"].replace("/0/", f"/{selected}/") + "?view=secretary"
            self.browser.request("console speaker record after a change", "GET", path,
                                 ok=(200,))


def speakers(args, secretary: Secretary, screens: list[Poller], names_of: dict, urls: dict,
             rng: random.Random) -> list[tuple[str, float, float]]:
    calls = []
    seen = 0
    for i in range(args.speakers):
        tapped = time.perf_counter()
        data = secretary.act("call_next", action="call_next", seen_speaker=seen)
        returned = time.perf_counter()
        pk = data.get("selected")
        if not pk:
            print(f"  call_next {i + 1} gave nobody: {data}")
            break
        calls.append((names_of[pk], tapped, returned))
        seen = pk
        secretary.refresh(pk)
        secretary.act("speech", action="speech", registration=pk,
                      text=SPEECH.format(topic=rng.choice(TOPICS[:-1])),
                      field=rng.choice(urls["fields"]) if urls["fields"] else "")
        secretary.refresh(pk)
        if i % 3 == 0:
            secretary.act("answer", action="answer", registration=pk, text=ANSWER,
                          answered_by="Ông Lý Văn Hùng, Chủ tịch UBND xã")
            secretary.refresh(pk)
        elif i % 3 == 1:
            secretary.act("assign", action="assign", registration=pk,
                          unit=rng.choice(urls["units"]))
            secretary.refresh(pk)
        deadline = returned + SEEN_TIMEOUT
        while (time.perf_counter() < deadline
               and not all(names_of[pk] in s.first_seen for s in screens)):
            time.sleep(0.02)
        time.sleep(rng.uniform(0.2, 1.0))
    return calls
