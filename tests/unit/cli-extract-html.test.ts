// The scanner's HTML reading (scripts/lib/extract-html.ts): visible text only, the title, and the
// page signals the content script also reports (forms, messenger links, APK downloads).
import { describe, expect, it, test } from 'vitest';
import { extractHtml } from '../../scripts/lib/extract-html';
import { describeText, messengerOf } from '../../src/shared/page-signals';
import { decodeBytes } from '../../scripts/lib/decode-bytes';
import { sniffHtml } from '../../scripts/lib/read-scan-input';

const page = (body: string, head = ''): string => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

describe('visible text', () => {
  test.each([
    ['script', '<script>var secret = "HIDDEN";</script>'],
    ['style', '<style>.a::after { content: "HIDDEN" }</style>'],
    ['noscript', '<noscript>HIDDEN</noscript>'],
    ['template', '<template><p>HIDDEN</p></template>'],
    ['hidden attribute', '<div hidden><p>HIDDEN</p></div>'],
    ['aria-hidden', '<span aria-hidden="true">HIDDEN</span>'],
    ['display:none', '<p style="color: red; display : none">HIDDEN</p>'],
    ['visibility:hidden', '<p style="visibility:hidden">HIDDEN</p>'],
  ])('skips text inside %s', (_name, hidden) => {
    const { text } = extractHtml(page(`<p>shown before</p>${hidden}<p>shown after</p>`));
    expect(text).toBe('shown before\nshown after');
    expect(text).not.toContain('HIDDEN');
  });

  it('reads the title separately from the body text', () => {
    const r = extractHtml(page('<p>body</p>', '<title>  高收益   理财 </title>'));
    expect(r.title).toBe('高收益 理财');
    expect(r.text).toBe('body');
  });

  it('returns an empty title when there is none', () => {
    expect(extractHtml(page('<p>x</p>')).title).toBe('');
  });

  it('separates blocks by newlines but joins inline elements, so split Chinese phrases stay whole', () => {
    const r = extractHtml(page('<div>稳赚<span>不</span><b>赔</b></div><p>Hello <i>world</i></p><ul><li>one</li><li>two</li></ul>first<br>second'));
    expect(r.text.split('\n')).toEqual(['稳赚不赔', 'Hello world', 'one', 'two', 'first', 'second']);
  });

  it('collapses whitespace runs inside a block', () => {
    expect(extractHtml(page('<p>  a \n\t  b   </p>')).text).toBe('a b');
  });

  it('does not run page scripts', () => {
    const html = page('<p id="x">original</p><script>document.getElementById("x").textContent = "changed";</script>');
    expect(extractHtml(html).text).toBe('original');
  });
});

describe('page signals', () => {
  const signalsOf = (body: string) => extractHtml(page(body)).signals;

  test.each([
    ['a label[for] in Chinese', '<label for="f1">银行卡号</label><input id="f1">', 'bankCardForm'],
    ['a camelCase name', '<form><input name="bankCardNo"></form>', 'bankCardForm'],
    ['autocomplete cc-number', '<input autocomplete="cc-number">', 'bankCardForm'],
    ['an English placeholder', '<input placeholder="Card number">', 'bankCardForm'],
    ['a wrapping label', '<label>身份证号码 <input name="a1"></label>', 'idNumberForm'],
    ['a passport placeholder', '<input placeholder="Passport No.">', 'idNumberForm'],
    ['a snake_case name', '<input name="id_card_number">', 'idNumberForm'],
    ['short text next to the field', '<div><span>验证码：</span><input name="v"></div>', 'verificationCodeForm'],
    ['autocomplete one-time-code', '<input autocomplete="one-time-code">', 'verificationCodeForm'],
    ['an English aria-label', '<input aria-label="SMS verification code">', 'verificationCodeForm'],
  ] as const)('finds a field asking for data from %s', (_name, body, signal) => {
    const s = signalsOf(body);
    expect(s[signal]).toBe(true);
    // And only that one.
    const others = (['bankCardForm', 'idNumberForm', 'verificationCodeForm'] as const).filter((k) => k !== signal);
    for (const k of others) expect(s[k]).toBe(false);
  });

  it('ignores hidden fields, fields in hidden containers and non-data inputs', () => {
    const s = signalsOf(
      '<input type="hidden" name="otp"><div style="display:none"><input name="bankCard"></div>' +
        '<input type="submit" value="身份证"><input name="username" placeholder="User ID">',
    );
    expect(s).toMatchObject({ bankCardForm: false, idNumberForm: false, verificationCodeForm: false });
  });

  it('does not lend the words of a large form to every field in it', () => {
    const longIntro = '请填写您的个人资料以便我们为您安排面试时间。我们不会要求您提供银行卡或身份证信息，谢谢您的配合与支持。';
    const s = signalsOf(`<form><p>${longIntro}</p><input name="nickname"></form>`);
    expect(s.bankCardForm).toBe(false);
    expect(s.idNumberForm).toBe(false);
  });

  it('lists messenger contacts once each, sorted, and finds APK downloads', () => {
    const s = signalsOf(
      '<a href="https://t.me/mentor_vip">a</a><a href="tg://resolve?domain=x">b</a>' +
        '<a href="https://wa.me/15550001111">c</a><a href="https://line.me/ti/p/abc">d</a>' +
        '<a href="weixin://dl/chat">e</a><a href="https://wpa.qq.com/msgrd?uin=1">f</a>' +
        '<a href="/files/trade-app.APK?v=2">g</a>',
    );
    expect(s.messengerLinks).toEqual(['line', 'qq', 'telegram', 'wechat', 'whatsapp']);
    expect(s.apkDownload).toBe(true);
  });

  it('reports nothing on an ordinary page', () => {
    const s = signalsOf('<a href="https://example.org/about">About</a><a href="https://telegram.org.evil.example/x">x</a><a href="/app.apk.html">y</a><input name="email">');
    expect(s).toEqual({ bankCardForm: false, idNumberForm: false, verificationCodeForm: false, messengerLinks: [], apkDownload: false });
  });

  it('ignores links and fields inside hidden parts of the page', () => {
    const s = signalsOf('<div hidden><a href="https://t.me/x">t</a><a href="a.apk">apk</a></div>');
    expect(s.messengerLinks).toEqual([]);
    expect(s.apkDownload).toBe(false);
  });
});

describe('helpers', () => {
  test.each([
    ['https://t.me/abc', 'telegram'],
    ['https://www.telegram.me/abc', 'telegram'],
    ['https://api.whatsapp.com/send?phone=1', 'whatsapp'],
    ['https://lin.ee/abc', 'line'],
    ['https://u.wechat.com/abc', 'wechat'],
    ['tencent://message/?uin=1', 'qq'],
    ['https://qm.qq.com/q/abc', 'qq'],
    ['https://example.com/t.me', null],
    ['https://notwa.me/x', null],
    ['javascript:void(0)', null],
  ])('messengerOf(%s) = %s', (href, expected) => {
    expect(messengerOf(href, 'https://page.example/')).toBe(expected);
  });

  it('splits names into words', () => {
    expect(describeText('bankCardNo')).toBe('bank card no');
    expect(describeText('user-id_card.number')).toBe('user id card number');
  });

  it('decodes GBK pages by their meta charset and keeps UTF-8 as the default', () => {
    const gbk = Buffer.concat([Buffer.from('<meta charset="gbk"><p>'), Buffer.from([0xce, 0xc8, 0xd7, 0xac, 0xb2, 0xbb, 0xc5, 0xe2])]);
    expect(decodeBytes(gbk)).toEqual({ text: '<meta charset="gbk"><p>稳赚不赔', encoding: 'gbk' });
    expect(decodeBytes(Buffer.from('稳赚不赔')).text).toBe('稳赚不赔');
    expect(decodeBytes(Buffer.from([0xce, 0xc8, 0xd7, 0xac]), 'text/plain').encoding).toBe('gb18030');
    expect(decodeBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61])).text).toBe('a');
  });

  test.each([
    ['<!DOCTYPE html><html>', true],
    ['\n  <html lang="zh">', true],
    ['<!-- saved from url=(0019)https://a.example/ -->\n<html>', true],
    ['稳赚不赔 <b>not a page</b>', false],
    ['plain text', false],
  ])('sniffHtml(%j) = %s', (text, expected) => {
    expect(sniffHtml(text)).toBe(expected);
  });
});
