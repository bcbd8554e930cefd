// Injected into a copy of report.html by ReportBrowserTest. After load it measures the page and writes the
// result as JSON into <pre id="ablate4j-measure">, where --dump-dom (or the hosting page) reads it:
//   width     the viewport's layout width (document.documentElement.clientWidth, scrollbar excluded)
//   scroll    document.documentElement.scrollWidth (wider than width: the page scrolls sideways)
//   right     the right edge of the element reaching furthest right, and which one it is (widest)
//   overlaps  pairs of text elements of one SVG chart whose rendered boxes (rotation included) intersect
//   clipped   SVG text elements that reach outside their chart
//   charts    how many SVG charts there are, and texts how many text elements they hold
//   loadMs    milliseconds from navigation start to the load event (Navigation Timing)
(function () {
  function corners(el) {
    var b = el.getBBox();
    var m = el.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]].map(
      function (p) { return [m.a * p[0] + m.c * p[1] + m.e, m.b * p[0] + m.d * p[1] + m.f]; });
  }
  // Separating-axis test for two convex quadrilaterals; touching within `slack` pixels is not an overlap.
  function intersect(p, q, slack) {
    var polys = [p, q];
    for (var k = 0; k < 2; k++) {
      var poly = polys[k];
      for (var i = 0; i < 4; i++) {
        var a = poly[i], b = poly[(i + 1) % 4];
        var nx = b[1] - a[1], ny = a[0] - b[0];
        var len = Math.sqrt(nx * nx + ny * ny) || 1;
        nx /= len; ny /= len;
        var minP = Infinity, maxP = -Infinity, minQ = Infinity, maxQ = -Infinity;
        p.forEach(function (c) { var d = c[0] * nx + c[1] * ny; minP = Math.min(minP, d); maxP = Math.max(maxP, d); });
        q.forEach(function (c) { var d = c[0] * nx + c[1] * ny; minQ = Math.min(minQ, d); maxQ = Math.max(maxQ, d); });
        if (maxP - slack <= minQ || maxQ - slack <= minP) {
          return false;
        }
      }
    }
    return true;
  }
  function measure() {
    var root = document.documentElement;
    var right = 0, widest = '';
    document.querySelectorAll('body *').forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > right) {
        right = r.right;
        widest = el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined && el.className
          ? '.' + el.className : '') + ' "' + (el.textContent || '').replace(/\s+/g, ' ').slice(0, 60) + '"';
      }
    });
    var overlaps = [], clipped = [], texts = 0;
    var charts = document.querySelectorAll('svg.chart');
    charts.forEach(function (svg) {
      var box = svg.getBoundingClientRect();
      var items = Array.prototype.slice.call(svg.querySelectorAll('text')).filter(function (t) {
        return t.getComputedTextLength() > 0;
      }).map(function (t) { return {el: t, c: corners(t)}; });
      texts += items.length;
      items.forEach(function (it) {
        var r = it.el.getBoundingClientRect();
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          clipped.push(it.el.textContent);
        }
      });
      for (var i = 0; i < items.length; i++) {
        for (var j = i + 1; j < items.length; j++) {
          if (intersect(items[i].c, items[j].c, 0.5)) {
            overlaps.push(items[i].el.textContent + ' | ' + items[j].el.textContent);
          }
        }
      }
    });
    var out = document.createElement('pre');
    out.id = 'ablate4j-measure';
    out.style.display = 'none';
    out.textContent = JSON.stringify({width: root.clientWidth, scroll: root.scrollWidth, right: Math.ceil(right),
      widest: widest, charts: charts.length, texts: texts, overlaps: overlaps.slice(0, 20),
      overlapCount: overlaps.length, clipped: clipped.slice(0, 20), clippedCount: clipped.length,
      loadMs: performance.timing.loadEventStart - performance.timing.navigationStart});
    document.body.appendChild(out);
  }
  if (document.readyState === 'complete') {
    measure();
  } else {
    window.addEventListener('load', measure);
  }
})();
