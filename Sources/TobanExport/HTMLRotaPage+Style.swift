extension HTMLRotaPage {
    /// How many duty-type colours the style sheet defines (`.d0` …); more duty types reuse them.
    static let dutyPaletteSize = 6

    /// The inline style sheet: screen and A4 print. System fonts only, listing Japanese ones
    /// first, so the page stays self-contained.
    static let styleSheet = """
    :root { --sat: #1a56c4; --sat-bg: #eaf1ff; --sun: #c62828; --sun-bg: #fdecec; \
    --ye: #9a5b00; --ye-bg: #fff3d6; --gap: #c62828; --gap-bg: #ffe0e0; --line: #b8bec6; }
    * { box-sizing: border-box; }
    body { margin: 16px; color: #1d2125; font-size: 12px; line-height: 1.35; \
    font-family: "Hiragino Kaku Gothic ProN", "Hiragino Sans", "Noto Sans CJK JP", "Noto Sans JP", \
    "Yu Gothic", YuGothic, Meiryo, "IPAexGothic", "IPAGothic", sans-serif; }
    h1 { font-size: 20px; margin: 0 0 2px; }
    h2 { font-size: 15px; margin: 14px 0 6px; border-bottom: 2px solid #1d2125; padding-bottom: 2px; }
    .meta { margin: 0 0 8px; color: #50575e; }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 20px; align-items: center; margin: 6px 0; }
    .legend ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
    .legend .days li { padding: 1px 8px; border: 1px solid var(--line); border-radius: 3px; }
    .legend .gapkey { background: var(--gap-bg); color: var(--gap); font-weight: bold; border-style: dashed !important; \
    border-color: var(--gap) !important; }
    .tag { display: inline-block; padding: 0 4px; margin-right: 4px; border-radius: 3px; color: #fff; \
    font-size: 10px; white-space: nowrap; }
    .d0 { background: #2e6b30; } .d1 { background: #1f5fa8; } .d2 { background: #7a4a1e; }
    .d3 { background: #00707a; } .d4 { background: #8e1f56; } .d5 { background: #4a5560; } .dx { background: #777; }
    table.cal { width: 100%; border-collapse: collapse; table-layout: fixed; }
    table.cal th { padding: 3px; border: 1px solid var(--line); background: #f1f3f5; font-weight: bold; }
    table.cal th.saturday { color: var(--sat); } table.cal th.sunday { color: var(--sun); }
    table.cal td { border: 1px solid var(--line); vertical-align: top; padding: 3px 4px; height: 92px; }
    td.pad { background: repeating-linear-gradient(135deg, #fafafa 0 6px, #f1f1f1 6px 12px); }
    td.out { color: #a0a6ad; background: #f7f8f9; }
    .dn { font-weight: bold; font-size: 14px; margin-bottom: 2px; }
    .hol { font-weight: normal; font-size: 10px; margin-left: 4px; }
    .saturday { background: var(--sat-bg); } .saturday .dn { color: var(--sat); }
    .sunday, .holiday { background: var(--sun-bg); } .sunday .dn, .holiday .dn { color: var(--sun); }
    .year-end { background: var(--ye-bg); } .year-end .dn { color: var(--ye); }
    td.out.saturday, td.out.sunday, td.out.holiday, td.out.year-end { background: #f7f8f9; }
    td.out .dn { color: #a0a6ad; }
    table.cal ul { list-style: none; margin: 0; padding: 0; }
    table.cal li { margin: 0 0 2px; padding: 1px 2px; border-radius: 3px; overflow-wrap: anywhere; }
    table.cal li.gap { background: var(--gap-bg); border: 1px dashed var(--gap); }
    .who { display: inline-block; }
    .who + .who::before { content: " / "; color: #777; }
    .miss { color: var(--gap); font-weight: bold; }
    .none { color: #999; }
    .gaps table { border-collapse: collapse; }
    .gaps th, .gaps td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; }
    .gaps tbody tr { background: var(--gap-bg); }
    svg.chart { max-width: 100%; height: auto; }
    svg .grid { stroke: #e0e3e6; stroke-width: 1; }
    svg .axis { font-size: 10px; fill: #70767c; text-anchor: middle; }
    svg .label { font-size: 12px; fill: #1d2125; text-anchor: end; }
    svg .value { font-size: 11px; fill: #1d2125; } svg .value.over { fill: var(--gap); font-weight: bold; }
    svg .band { fill: #bfe3c0; } svg .target { stroke: #1b5e20; stroke-width: 2; }
    svg .bar { fill: #1f5fa8; } svg .bar.over { fill: var(--gap); }
    svg text { font-family: inherit; }
    .note { color: #50575e; font-size: 11px; }
    footer { margin-top: 16px; color: #8a9096; font-size: 10px; }
    @page { size: A4; margin: 10mm; }
    @media print {
      body { margin: 0; font-size: 10px; }
      h1 { font-size: 16px; }
      table.cal td { height: auto; min-height: 60px; }
      .month { break-inside: avoid; }
      .month + .month { break-before: page; }
      .gaps, .fairness { break-inside: avoid; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
