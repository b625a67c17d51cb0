// Measures the report page as Chromium laid it out, and writes what it found as JSON into a pre element
// for HtmlReportBrowserTest to read from the dumped DOM.
(function () {
  function box(e) { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; }
  function overlap(a, b) {
    const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
    const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
    return w > 0.5 && h > 0.5;
  }
  function legend(container) {
    const spans = [...container.querySelectorAll('span')];
    const boxes = spans.map(box);
    const overlaps = [];
    for (let i = 0; i < spans.length; i++) for (let j = i + 1; j < spans.length; j++) {
      if (overlap(boxes[i], boxes[j])) overlaps.push(spans[i].textContent + ' / ' + spans[j].textContent);
    }
    return {
      names: spans.map(s => s.textContent),
      colours: spans.map(s => getComputedStyle(s.querySelector('i')).backgroundColor),
      markers: spans.map(s => { const p = s.querySelector('polygon'); return p ? p.getAttribute('points') : ''; }),
      overlaps: overlaps
    };
  }
  const out = {charts: [], series: null, measured: {}};
  for (const fig of document.querySelectorAll('figure.chart')) {
    const svg = fig.querySelector('svg[role="img"]');
    const frame = box(svg);
    const texts = [...svg.querySelectorAll('text')];
    const textBoxes = texts.map(box);
    const width = svg.getAttribute('width');
    // marks a label must keep clear of: bars (not the white background) and markers
    const marks = [...svg.querySelectorAll('rect')].filter(r => r.getAttribute('width') !== width)
        .concat([...svg.querySelectorAll('polygon')]).map(box);
    const overlaps = [];
    for (let i = 0; i < texts.length; i++) {
      const a = textBoxes[i];
      if (a.l < frame.l - 0.5 || a.r > frame.r + 0.5 || a.t < frame.t - 0.5 || a.b > frame.b + 0.5) {
        overlaps.push('outside the chart: ' + texts[i].textContent);
      }
      for (let j = i + 1; j < texts.length; j++) {
        if (overlap(a, textBoxes[j])) overlaps.push(texts[i].textContent + ' / ' + texts[j].textContent);
      }
      for (const m of marks) if (overlap(a, m)) overlaps.push('on a mark: ' + texts[i].textContent);
    }
    const l = legend(fig.querySelector('.legend'));
    if (overlap(box(fig.querySelector('.legend')), frame)) overlaps.push('legend over the chart');
    out.charts.push({id: fig.id, texts: texts.map(t => t.textContent), overlaps: overlaps.concat(l.overlaps),
                     names: l.names, colours: l.colours, markers: l.markers,
                     width: frame.r - frame.l, height: frame.b - frame.t});
  }
  out.series = legend(document.getElementById('series-legend'));
  for (const row of document.querySelectorAll('#measured tbody tr')) {
    out.measured[row.querySelector('th').textContent] = [...row.querySelectorAll('td')].map(td => td.textContent);
  }
  const pre = document.createElement('pre');
  pre.id = 'layout';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
