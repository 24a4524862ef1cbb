/// <reference lib="dom" />
// A modal question (native <dialog>: focus kept inside, Esc cancels, focus returns after), with
// an optional text field (驳回原因, 处理意见) that may be required.
import { h } from "./dom.ts";

export type Ask = {
  title: string;
  message?: string;
  confirmText?: string;
  field?: { label: string; required?: boolean; max?: number };
  danger?: boolean;
};

export function ask(opts: Ask): Promise<{ ok: boolean; value: string }> {
  return new Promise((resolve) => {
    const back = document.activeElement as HTMLElement | null;
    const error = h("p", { className: "field-error", role: "alert" });
    const area = opts.field
      ? h("textarea", {
        id: "dialog-field",
        rows: 3,
        maxlength: opts.field.max ?? 200,
        required: opts.field.required ?? false,
      })
      : null;
    const dialog = h(
      "dialog",
      { "aria-labelledby": "dialog-title" },
      h(
        "form",
        { method: "dialog" },
        h("h2", { id: "dialog-title" }, opts.title),
        opts.message ? h("p", {}, opts.message) : null,
        area ? h("label", { for: "dialog-field" }, opts.field!.label) : null,
        area,
        error,
        h(
          "div",
          { className: "dialog-actions" },
          h("button", {
            type: "button",
            className: "secondary",
            value: "cancel",
          }, "取消"),
          h(
            "button",
            {
              type: "submit",
              value: "ok",
              className: opts.danger ? "danger" : "",
            },
            opts.confirmText ?? "确定",
          ),
        ),
      ),
    );
    const done = (ok: boolean) => {
      dialog.close();
      dialog.remove();
      back?.focus();
      resolve({ ok, value: area?.value.trim() ?? "" });
    };
    dialog.querySelector("button[value=cancel]")!.addEventListener(
      "click",
      () => done(false),
    );
    dialog.addEventListener("cancel", (ev) => {
      ev.preventDefault();
      done(false);
    });
    dialog.querySelector("form")!.addEventListener("submit", (ev) => {
      ev.preventDefault();
      if (area && opts.field?.required && !area.value.trim()) {
        error.textContent = `请填写${opts.field.label}`;
        area.focus();
        return;
      }
      done(true);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    (area ?? dialog.querySelector<HTMLButtonElement>("button[type=submit]"))!
      .focus();
  });
}
