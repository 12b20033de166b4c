// Markup that must never survive extraction, as fragments for the generators to mix in.
export const HOSTILE_SNIPPETS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">link text here</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '<style>p{color:red}</style>',
  '<form action="https://evil.example/"><input name=pw></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<p style="width:expression(alert(1))">Styled paragraph with words in it.</p>',
  '<img src="https://pixel.example/t.gif" width="1" height="1">',
  '<svg onload=alert(1)><script>alert(2)</script></svg>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<a href="data:text/html,<script>alert(1)</script>">data link words</a>',
];
