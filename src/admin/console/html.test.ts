import { describe, expect, it } from "vitest";
import { html, trustedHtml, type HtmlValue } from "./html.ts";

describe("html", () => {
  const cases: [string, HtmlValue, string][] = [
    ["a script tag", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
    ["an attribute breakout", '" onmouseover="x', "<p>&quot; onmouseover=&quot;x</p>"],
    ["a single-quote breakout", "' onclick='x", "<p>&#39; onclick=&#39;x</p>"],
    ["an entity", "&lt;b&gt;", "<p>&amp;lt;b&amp;gt;</p>"],
    ["a backtick", "`x`", "<p>&#96;x&#96;</p>"],
    ["an img onerror", "<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"],
    ["a closing comment", "--><b>", "<p>--&gt;&lt;b&gt;</p>"],
    ["a number", 42, "<p>42</p>"],
    ["null", null, "<p></p>"],
    ["undefined", undefined, "<p></p>"],
    ["false", false, "<p></p>"],
    ["true", true, "<p>true</p>"],
    ["a list of hostile strings", ["<i>", "</p>"], "<p>&lt;i&gt;&lt;/p&gt;</p>"],
    ["nested html", html`<b>${"<x>"}</b>`, "<p><b>&lt;x&gt;</b></p>"],
    ["trusted markup", trustedHtml("<br>"), "<p><br></p>"],
    ["cyrillic", "Заявка «1»", "<p>Заявка «1»</p>"],
  ];
  it.each(cases)("escapes %s", (_name, value, expected) => {
    expect(html`<p>${value}</p>`.text).toBe(expected);
  });

  it("escapes inside attributes", () => {
    expect(html`<a href="/e/${'x"><script>'}"></a>`.text).toBe(
      '<a href="/e/x&quot;&gt;&lt;script&gt;"></a>',
    );
  });
});
