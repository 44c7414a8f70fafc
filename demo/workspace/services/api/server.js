// The demo's stand-in service: nothing here matters to the demo except that it looks like a project.
const http = require('node:http');

http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, path: req.url }));
  })
  .listen(process.env.PORT || 3000);
