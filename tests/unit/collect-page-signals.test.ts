// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { collectPageSignals } from '../../src/content/collect-page-signals';

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><base href="https://scam.example/"><body>${body}`, 'text/html');
}

describe('collectPageSignals', () => {
  test('a deposit form asking for card, ID and SMS code, with messenger and APK links', () => {
    const s = collectPageSignals(page(`
      <form>
        <label for="c">银行卡号</label><input id="c">
        <div><span>身份证号码：</span><input name="x1"></div>
        <input name="smsVerifyCode" placeholder="验证码">
      </form>
      <a href="https://t.me/teacher_wang">Telegram</a>
      <a href="https://wa.me/85512345678">WhatsApp</a>
      <a href="/downloads/platform.apk">下载APP</a>`));
    expect(s).toEqual({ bankCardForm: true, idNumberForm: true, verificationCodeForm: true, messengerLinks: ['telegram', 'whatsapp'], apkDownload: true });
  });

  test('an ordinary page: search box, newsletter, app store link', () => {
    const s = collectPageSignals(page(`
      <form><input type="search" name="q" placeholder="Search"><input type="email" name="email"></form>
      <a href="https://apps.apple.com/app/id1">App Store</a><a href="/about">About</a>`));
    expect(s).toEqual({ bankCardForm: false, idNumberForm: false, verificationCodeForm: false, messengerLinks: [], apkDownload: false });
  });

  test('hidden fields and hidden links do not count', () => {
    const s = collectPageSignals(page(`
      <input type="hidden" name="bank_card_no">
      <div hidden><input name="idNumber"></div>
      <div aria-hidden="true"><a href="https://t.me/x">tg</a></div>`));
    expect(s.bankCardForm || s.idNumberForm || s.messengerLinks.length > 0).toBe(false);
  });

  test('in-page anchors are stepped over, an anchor that downloads an APK is not, and a link after many anchors is read', () => {
    const anchors = '<a href="#x">more</a>'.repeat(1500);
    const s = collectPageSignals(page(`${anchors}<a href="#" download="platform.apk">下载</a><a href="https://t.me/late">tg</a>`));
    expect(s.apkDownload).toBe(true);
    expect(s.messengerLinks).toEqual(['telegram']);
  });
});
