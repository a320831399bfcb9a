import { escapeHtml } from '../../../lib/tencent/html';

test('the five characters that end text or an attribute become character references; the rest stays', () => {
	expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39;');
	expect(escapeHtml('Thank you, 陳大文')).toBe('Thank you, 陳大文');
});
