/// <reference lib="dom" />
// 扫码登录: the console asks for a login QR (2 minutes), shows it, and polls every 2 seconds;
// an officer scans it with the mini-program's 扫一扫 and confirms; the poll then hands over that
// officer's session once. An expired QR is replaced on 「刷新二维码」.
import { ApiError, errorText, post, saveSession, type Session } from "../api.ts";
import { clear, failure, h, loading } from "../dom.ts";

type Login = {
  id: string;
  pollSecret: string;
  qrImage: string;
  expiresAt: string;
};
type Poll = { status: string; session: Session | null };

export function loginPage(
  root: HTMLElement,
  isCurrent: () => boolean,
  notice?: string,
) {
  const box = h("div", { className: "login-qr" });
  const status = h("p", {
    className: "login-status",
    role: "status",
    "aria-live": "polite",
  });
  clear(
    root,
    h(
      "section",
      { className: "login card" },
      h("h1", {}, "扫码登录"),
      notice ? h("p", { className: "notice", role: "alert" }, notice) : null,
      h(
        "ol",
        { className: "steps" },
        h("li", {}, "打开「常州群防群治」小程序，点击「扫一扫」"),
        h("li", {}, "扫描下方二维码，在手机上点击「确认」"),
        h("li", {}, "本页将自动进入控制台（仅限民警）"),
      ),
      box,
      status,
    ),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => clearTimeout(timer);

  async function start() {
    stop();
    clear(box, loading("正在生成二维码…"));
    status.textContent = "";
    let login: Login;
    try {
      login = await post<Login>("/console/logins");
    } catch (e) {
      clear(box, failure(errorText(e), () => void start()));
      return;
    }
    if (!isCurrent()) return;
    const countdown = h("p", { className: "countdown" });
    clear(
      box,
      h("img", {
        src: login.qrImage,
        width: 240,
        height: 240,
        alt: "登录二维码：请用小程序扫一扫",
        "data-testid": "login-qr",
      }),
      countdown,
    );
    const expires = Date.parse(login.expiresAt);
    const tick = async () => {
      if (!isCurrent()) return;
      const left = Math.max(0, Math.round((expires - Date.now()) / 1000));
      countdown.textContent = `二维码 ${Math.floor(left / 60)}:${
        String(left % 60).padStart(2, "0")
      } 后过期`;
      let poll: Poll;
      try {
        poll = await post<Poll>(`/console/logins/${login.id}/poll`, {
          pollSecret: login.pollSecret,
        });
      } catch (e) {
        // a passing network failure: keep polling until the code expires
        status.textContent = e instanceof ApiError && e.status === 429
          ? "请求过于频繁，稍后继续…"
          : `${errorText(e)}，正在重试…`;
        if (Date.now() < expires) timer = setTimeout(tick, 4000);
        else expired();
        return;
      }
      if (!isCurrent()) return;
      if (poll.status === "confirmed" && poll.session) {
        status.textContent = "已确认，正在进入控制台…";
        saveSession(poll.session);
        location.hash = "#/overview";
        return;
      }
      if (poll.status === "pending" && Date.now() < expires) {
        timer = setTimeout(tick, 2000);
        return;
      }
      expired(
        poll.status === "used" ? "该二维码已使用，请刷新后重新扫码" : undefined,
      );
    };
    void tick();
  }

  function expired(message = "二维码已过期，请刷新后重新扫码") {
    const again = h("button", { type: "button" }, "刷新二维码");
    again.addEventListener("click", () => void start());
    clear(
      box,
      h(
        "div",
        { className: "expired", role: "alert" },
        h("p", {}, message),
        again,
      ),
    );
    again.focus();
  }

  void start();
  return stop;
}
