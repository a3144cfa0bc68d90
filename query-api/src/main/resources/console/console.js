// The ordertrack console: every view of the order system over the query API, with the caller's
// API key kept in this tab's sessionStorage and sent as the X-Api-Key header, never in a URL.
// Plain script, no build step; ECharts (from its webjar) is loaded on the Analytics view only.
(function () {
  'use strict';

  var KEY_STORE = 'ordertrack.apiKey';
  var REFRESH_MS = 10000;
  var PAGE_SIZE = 20;
  var ECHARTS = '/webjars/echarts/5.3.1/dist/echarts.min.js';
  var BUCKETS = [['NOT_PICKED', 'Not picked'], ['LIVE', 'Live'], ['DELIVERED', 'Delivered'],
    ['RETURNED', 'Returned'], ['CANCELLED', 'Cancelled'], ['ERROR', 'Error']];
  var STATUSES = ['MANIFESTED', 'PICKUP_SCHEDULED', 'PICKUP_FAILED', 'PICKED_UP', 'IN_TRANSIT',
    'AT_DESTINATION_HUB', 'HELD', 'MISROUTED', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED', 'DELIVERED',
    'RTO_INITIATED', 'RTO_IN_TRANSIT', 'RTO_OUT_FOR_DELIVERY', 'RTO_DELIVERED', 'RETURN_REQUESTED',
    'RETURN_PICKED_UP', 'RETURN_IN_TRANSIT', 'RETURN_DELIVERED', 'LOST', 'DAMAGED', 'DISPOSED',
    'COURIER_ERROR'];
  var ALERT_TYPES = ['NOT_PICKED', 'STUCK_IN_TRANSIT', 'OFD_NOT_DELIVERED', 'NDR', 'NDR_ACTION_DUE',
    'RTO_RISK', 'COURIER_ERROR', 'EDD_BREACH', 'EDD_BREACH_PREDICTED', 'LOW_STOCK', 'HUB_STALL', 'FEED_SILENT',
    'COD_REMITTANCE_OVERDUE'];
  /** Open incidents are all listed; of the resolved ones, the latest few. */
  var RESOLVED_INCIDENTS_SHOWN = 10;
  var SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'];
  var STORE_STAGES = ['PLACED', 'MANIFESTED', 'READY_TO_SHIP', 'DISPATCHED'];
  var AGE_BANDS = ['UNDER_A_DAY', 'ONE_TO_THREE_DAYS', 'THREE_TO_SEVEN_DAYS', 'OVER_SEVEN_DAYS'];
  /** One colour per group of the RTO chart: its line and its band. */
  var PALETTE = ['#1f5fbf', '#2e9e5b', '#d08a00', '#c0392b', '#7d4fb5', '#138d90', '#8a6d3b', '#5b6675'];

  var $ = function (id) { return document.getElementById(id); };
  var state = {
    view: null,
    updatedAt: null,
    orders: { tab: null, filters: {}, size: PAGE_SIZE, cursors: [null], page: 0, next: null },
    alerts: { filters: { state: 'OPEN' }, cursors: [null], page: 0, next: null },
    returns: { tab: null, filters: {}, size: PAGE_SIZE, cursors: [null], page: 0, next: null },
    cod: { filters: {}, size: PAGE_SIZE, cursors: [null], page: 0, next: null },
    incidents: { shown: {} },
    feeds: { filters: {} },
    charts: {}
  };

  // ---- HTTP --------------------------------------------------------------------------------

  function apiKey() { return sessionStorage.getItem(KEY_STORE); }

  function query(params) {
    var search = new URLSearchParams();
    Object.keys(params || {}).forEach(function (name) {
      var value = params[name];
      if (value !== undefined && value !== null && value !== '') search.append(name, value);
    });
    var text = search.toString();
    return text ? '?' + text : '';
  }

  /** A GET of the API; a refused key signs out with the reason, other errors reject. */
  function api(path, params) {
    return fetch(path + query(params), { headers: { 'X-Api-Key': apiKey() || '' } })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          if (response.status === 401) {
            signOut('This API key was refused: it is wrong or has been revoked. Sign in with a valid key.');
            throw new Refused();
          }
          if (!response.ok) {
            throw new Error(body.message || ('The API answered ' + response.status));
          }
          return body;
        });
      });
  }

  function Refused() {}

  var generations = {};

  /**
   * Marks a new load of one part of a view; the function returned says whether it is still the
   * latest, so that an answer arriving after a newer request's never overwrites it.
   */
  function latest(part) {
    var generation = (generations[part] || 0) + 1;
    generations[part] = generation;
    return function () { return generations[part] === generation; };
  }

  /** Runs render with an answer unless a newer load of the same part has started since. */
  function ifLatest(current, render) {
    return function (answer) { if (current()) render(answer); };
  }

  function showProblem(error) {
    if (error instanceof Refused) return;
    var box = $('problem');
    box.textContent = error.message;
    box.hidden = false;
  }

  function clearProblem() { $('problem').hidden = true; }

  // ---- DOM helpers -------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else if (name === 'className') node.className = attrs[name];
      else if (name === 'onclick') node.addEventListener('click', attrs[name]);
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function td(value, numeric) {
    return el('td', { className: numeric ? 'num' : '', text: value === null || value === undefined ? '—' : String(value) });
  }

  function fillRows(table, rows, emptyText) {
    var body = $(table).tBodies[0];
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    if (!rows.length) {
      var columns = $(table).tHead.rows[0].cells.length;
      fragment.appendChild(el('tr', {}, [el('td', { className: 'empty', colspan: columns, text: emptyText || 'Nothing to show' })]));
    }
    body.replaceChildren(fragment);
  }

  function formData(form) {
    var values = {};
    new FormData(form).forEach(function (value, name) { values[name] = String(value).trim(); });
    return values;
  }

  function setForm(form, values) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name) field.value = values[field.name] || (field.tagName === 'SELECT' ? field.options[0].value : '');
    });
  }

  /** An expected delivery: its time, the range it falls in, and what it was learned from. */
  function predicted(e) {
    return when(e.expectedAt) + ' (likely ' + when(e.earliest) + ' – ' + when(e.latest) + '; from ' +
      label(e.from).toLowerCase() + ', ' + e.sample + ' deliveries of ' + e.lane + ')' + (e.late ? ' · after the promised day' : '');
  }

  function when(iso) {
    if (!iso) return '—';
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleString('en-IN', { dateStyle: 'medium', timeStyle: 'short' });
  }

  function rupees(paise) {
    return paise === undefined || paise === null ? '—' : '₹' + (paise / 100).toLocaleString('en-IN', { minimumFractionDigits: 2 });
  }

  /** A difference of paise: −₹89.00 short, +₹100.00 over. */
  function signedRupees(paise) {
    return paise < 0 ? '−' + rupees(-paise) : paise > 0 ? '+' + rupees(paise) : rupees(0);
  }

  function percent(rate) {
    if (!rate || rate.value === null || rate.value === undefined) return '—';
    return (rate.value * 100).toFixed(1) + '%';
  }

  function hours(minutes) {
    return minutes === null || minutes === undefined ? '—' : (minutes / 60).toFixed(1);
  }

  function label(name) { return name.replace(/_/g, ' ').toLowerCase().replace(/^./, function (c) { return c.toUpperCase(); }); }

  function orderLink(orderId, text) {
    return el('a', { href: '#order/' + encodeURIComponent(orderId), text: text || orderId });
  }

  // ---- Sign in and out ---------------------------------------------------------------------

  function signIn(event) {
    event.preventDefault();
    var key = $('api-key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORE, key);
    $('api-key').value = '';
    $('sign-in-message').textContent = '';
    api('/api/orders/buckets').then(function () {
      enter();
    }).catch(function (error) {
      if (!(error instanceof Refused)) enter();
    });
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY_STORE);
    $('sign-in-message').textContent = message || '';
    $('nav').hidden = true;
    $('sign-out').hidden = true;
    $('behind').hidden = true;
    $('updated').textContent = '';
    state.updatedAt = null;
    clearProblem();
    showView('sign-in');
    $('api-key').focus();
  }

  function enter() {
    $('nav').hidden = false;
    $('sign-out').hidden = false;
    if (!location.hash || location.hash === '#sign-in') location.hash = '#orders';
    else route();
  }

  // ---- Views -------------------------------------------------------------------------------

  var VIEWS = {
    orders: showOrders,
    order: showOrder,
    store: showStore,
    channels: showChannels,
    returns: showReturns,
    cod: showCod,
    alerts: showAlerts,
    feeds: showFeeds,
    stock: showStock,
    analytics: showAnalytics,
    routing: function () { return Promise.resolve(); }
  };

  function showView(name) {
    state.view = name;
    document.querySelectorAll('.view').forEach(function (view) { view.hidden = view.id !== 'view-' + name; });
    document.querySelectorAll('#nav a').forEach(function (link) {
      if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    });
  }

  function route() {
    if (!apiKey()) { signOut(); return; }
    var hash = location.hash.replace(/^#/, '');
    var slash = hash.indexOf('/');
    var name = slash < 0 ? hash : hash.substring(0, slash);
    var argument = slash < 0 ? null : decodeURIComponent(hash.substring(slash + 1));
    if (!VIEWS[name]) name = 'orders';
    showView(name);
    clearProblem();
    load(function () { return VIEWS[name](argument); });
  }

  /** Runs a view's requests; marks the data fresh when they all answered. */
  function load(work) {
    return work().then(function () {
      state.updatedAt = Date.now();
      tick();
    }).catch(showProblem);
  }

  function tick() {
    if (state.updatedAt === null) return;
    var seconds = Math.round((Date.now() - state.updatedAt) / 1000);
    $('updated').textContent = 'updated ' + seconds + ' s ago';
  }

  /** Counts and open lists refresh by themselves; so does what /health says of the data. */
  function refresh() {
    if (!apiKey() || document.hidden) return;
    checkHealth();
    if (state.view === 'orders') load(loadOrders);
    else if (state.view === 'alerts') load(loadAlerts);
    else if (state.view === 'feeds') load(loadFeeds);
    else if (state.view === 'store') load(showStore);
    else if (state.view === 'channels') load(showChannels);
    else if (state.view === 'returns') load(loadReturns);
    else if (state.view === 'cod') load(loadCod);
  }

  function checkHealth() {
    fetch('/health').then(function (response) { return response.json(); }).then(function (health) {
      var banner = $('behind');
      if (health.status && health.status !== 'UP') {
        banner.textContent = 'The data is behind (' + health.status.toLowerCase() + '): ' +
          (health.reason || 'the tracking job is not keeping up') + '. What you see may be out of date.';
        banner.hidden = false;
      } else {
        banner.hidden = true;
      }
    }).catch(function () {});
  }

  // ---- Orders ------------------------------------------------------------------------------

  function showOrders() {
    setForm($('order-search'), state.orders.filters);
    return loadOrders();
  }

  function loadOrders() {
    return loadTabbedList(state.orders, 'orders', '/api/orders/buckets', renderBuckets, '/api/orders', 'bucket', renderOrders);
  }

  /**
   * Loads a list with tabs (the orders and their buckets, the returns and their stages): the
   * counts for the tabs and the list's page, both with the list's filters, the page also with
   * its tab, sort and cursor.
   */
  function loadTabbedList(list, part, countsPath, renderCounts, listPath, tabParameter, renderList) {
    var filters = Object.assign({}, list.filters);
    var sort = filters.sort;
    delete filters.sort;
    var current = latest(part);
    var counts = api(countsPath, filters).then(ifLatest(current, renderCounts));
    var params = Object.assign({}, filters, { sort: sort, size: list.size, after: list.cursors[list.page] });
    params[tabParameter] = list.tab;
    var page = api(listPath, params).then(ifLatest(current, renderList));
    return Promise.all([counts, page]);
  }

  /** Tabs of [value, text, count], the list's own selected; choosing one loads its first page. */
  function renderTabs(containerId, attribute, tabs, list, loader) {
    $(containerId).replaceChildren.apply($(containerId), tabs.map(function (tab) {
      var attrs = {
        type: 'button', role: 'tab', 'aria-selected': String((list.tab || '') === tab[0]),
        onclick: function () { list.tab = tab[0] || null; firstPage(list); load(loader); }
      };
      attrs[attribute] = tab[0] || 'ALL';
      return el('button', attrs, [el('span', { text: tab[1] }), el('span', { className: 'count', text: String(tab[2]) })]);
    }));
  }

  function renderBuckets(answer) {
    var tabs = [['', 'All', answer.total]].concat(BUCKETS.map(function (bucket) {
      return [bucket[0], bucket[1], answer.buckets[bucket[0]]];
    }));
    renderTabs('bucket-tabs', 'data-bucket', tabs, state.orders, loadOrders);
  }

  function renderOrders(answer) {
    var page = { total: 'orders-total', table: 'orders-table', pager: 'orders', noun: 'Orders', none: 'No orders match' };
    renderPage(state.orders, answer, answer.orders, page, function (order) {
      var customer = order.customer || {};
      return el('tr', { 'data-order-id': order.orderId }, [
        el('td', {}, [orderLink(order.orderId, order.clientOrderId)]),
        td(order.channel), td(when(order.placedAt)), td(customer.name), td(order.bucket),
        td(order.shipmentStatus || order.stage), td(order.courier), td(order.awb), td(order.warehouseId),
        td(rupees(order.amountPaise), true)
      ]);
    });
  }

  /**
   * A page of a paged list: its line ("Orders 1–100 of 2345"), its rows and its pager's buttons.
   * The page names the list's elements: the line's id, the table's, the pager's prefix, the noun
   * of the line and what to say when nothing matches.
   */
  function renderPage(list, answer, items, page, row) {
    list.next = answer.next;
    var first = list.page * list.size;
    $(page.total).textContent = items.length
      ? page.noun + ' ' + (first + 1) + '–' + (first + items.length) + ' of ' + answer.total + (answer.totalExact ? '' : '+')
      : page.none;
    fillRows(page.table, items.map(row), page.none);
    $(page.pager + '-next').disabled = !answer.next;
    $(page.pager + '-first').disabled = list.page === 0;
  }

  function firstPage(list) { list.cursors = [null]; list.page = 0; list.next = null; }

  /** A list's search form (searching and clearing start at its first page) and its pager. */
  function wirePagedSearch(formId, pager, list, loader) {
    $(formId).addEventListener('submit', function (event) {
      event.preventDefault();
      list.filters = formData($(formId));
      firstPage(list);
      load(loader);
    });
    $(formId).addEventListener('reset', function () {
      setTimeout(function () { list.filters = {}; firstPage(list); load(loader); });
    });
    $(pager + '-next').addEventListener('click', function () { nextPage(list, loader); });
    $(pager + '-first').addEventListener('click', function () { firstPage(list); load(loader); });
  }

  function nextPage(list, loader) {
    if (!list.next) return;
    list.cursors = list.cursors.slice(0, list.page + 1).concat([list.next]);
    list.page += 1;
    load(loader);
  }

  /** Opens the order list with exactly these filters (a store-orders cell, say). */
  function openOrders(filters) {
    state.orders.filters = filters;
    state.orders.tab = null;
    firstPage(state.orders);
    if (location.hash === '#orders') route();
    else location.hash = '#orders';
  }

  // ---- Returns -----------------------------------------------------------------------------

  function showReturns() {
    setForm($('return-search'), state.returns.filters);
    return loadReturns();
  }

  function loadReturns() {
    return loadTabbedList(state.returns, 'returns', '/api/returns/stages', renderReturnStages, '/api/returns', 'returnStage', renderReturns);
  }

  /** A return stage as people write it: "QC passed", "Refund refused". */
  function returnStage(stage) { return label(stage).replace(/^Qc /, 'QC '); }

  function renderReturnStages(answer) {
    var tabs = [['', 'All', answer.open + answer.closed]].concat(answer.stages.map(function (row) {
      return [row.stage, returnStage(row.stage), row.count];
    }));
    renderTabs('return-tabs', 'data-stage', tabs, state.returns, loadReturns);
    fillRows('return-ageing', answer.stages.filter(function (row) { return row.ageing; }).map(function (row) {
      return el('tr', { 'data-stage': row.stage }, [td(returnStage(row.stage)), td(row.count, true)]
        .concat(AGE_BANDS.map(function (band) { return td(row.ageing[band], true); }))
        .concat([td(when(row.oldestSince))]));
    }), 'No open returns');
  }

  function renderReturns(answer) {
    var page = { total: 'returns-total', table: 'returns-table', pager: 'returns', noun: 'Returns', none: 'No returns match' };
    renderPage(state.returns, answer, answer.returns, page, function (r) {
      var refund = r.stage === 'REFUND_REFUSED' ? 'refused: ' + r.refusalReason : r.refundPaise !== null ? rupees(r.refundPaise) : '—';
      return el('tr', { 'data-order-id': r.orderId }, [
        el('td', {}, [orderLink(r.orderId, r.clientOrderId)]),
        td([r.customerName, r.city].filter(Boolean).join(', ')), td(r.reason),
        td(returnStage(r.stage) + (r.inspectionNote ? ' (' + r.inspectionNote + ')' : '')), td(when(r.since)),
        td(r.ageHours === null ? '—' : r.ageHours.toFixed(1), true), td(r.totalHours === null ? '—' : r.totalHours.toFixed(1), true),
        td(r.steps.map(function (s) { return returnStage(s.step) + (s.hours === null ? '' : ' ' + s.hours.toFixed(1)); }).join(' → ')),
        td(rupees(r.amountPaise), true), td(refund, true)
      ]);
    });
  }

  // ---- Cash on delivery --------------------------------------------------------------------

  function showCod() {
    setForm($('cod-search'), state.cod.filters);
    return loadCod();
  }

  /** The totals per seller and courier and a page of the parcels behind them, both filtered. */
  function loadCod() {
    var cod = state.cod;
    var current = latest('cod');
    var totals = api('/api/cod', cod.filters).then(ifLatest(current, renderCodTotals));
    var params = Object.assign({}, cod.filters, { size: cod.size, after: cod.cursors[cod.page] });
    var parcels = api('/api/cod/parcels', params).then(ifLatest(current, renderCodParcels));
    return Promise.all([totals, parcels]);
  }

  function renderCodTotals(answer) {
    var rows = answer.couriers.map(function (row) {
      var name = el('button', { type: 'button', className: 'link', text: [row.courier, row.tenantId].join(' · '),
        onclick: function () { openCodParcels({ courier: row.courier }); } });
      return el('tr', { 'data-courier': row.courier }, codCells(el('td', {}, [name]), row));
    });
    if (answer.couriers.length > 1) rows.push(el('tr', { className: 'total-row' }, codCells(td('All couriers'), answer.total)));
    fillRows('cod-totals', rows, 'No COD parcels match');
  }

  function codCells(name, t) {
    return [name, td(t.parcels, true), td(rupees(t.collectedPaise), true), td(rupees(t.remittedPaise), true),
      td(rupees(t.owedPaise), true), td(t.owed.parcels, true)]
      .concat(AGE_BANDS.map(function (band) { return td(t.owed.ageing[band], true); }))
      .concat([td(t.overdue.parcels + ' · ' + rupees(t.overdue.owedPaise), true),
        td(t.shortPaid.parcels + ' · ' + signedRupees(t.shortPaid.differencePaise), true),
        td(t.overPaid.parcels + ' · ' + signedRupees(t.overPaid.differencePaise), true),
        td(t.notDelivered.parcels + ' · ' + rupees(t.notDelivered.remittedPaise), true)]);
  }

  function renderCodParcels(answer) {
    var page = { total: 'cod-total', table: 'cod-parcels', pager: 'cod', noun: 'Parcels', none: 'No COD parcels match' };
    renderPage(state.cod, answer, answer.parcels, page, function (p) {
      return el('tr', { 'data-awb': p.awb, className: p.overdue ? 'overdue' : '' }, [
        td(p.courier), td(p.awb),
        el('td', {}, p.orderId ? [orderLink(p.orderId, p.clientOrderId)] : [document.createTextNode('—')]),
        td(label(p.state) + (p.overdue ? ', overdue' : '')), td(when(p.deliveredAt)), td(when(p.dueBy)),
        td(rupees(p.expectedPaise), true), td(rupees(p.remittedPaise), true), td(rupees(p.outstandingPaise), true),
        td((p.remittances || []).map(function (r) { return r.remittanceId + ' ' + rupees(r.amountPaise); }).join(', '))
      ]);
    });
  }

  /** The parcels of a courier (a totals row), keeping the other filters. */
  function openCodParcels(filters) {
    state.cod.filters = Object.assign({}, state.cod.filters, filters);
    setForm($('cod-search'), state.cod.filters);
    firstPage(state.cod);
    load(loadCod);
  }

  // ---- One order ---------------------------------------------------------------------------

  function showOrder(orderId) {
    $('order-title').textContent = 'Order';
    $('order-body').replaceChildren();
    return Promise.all([
      api('/api/orders/' + encodeURIComponent(orderId)),
      api('/api/alerts', { order: orderId, size: 100 })
    ]).then(function (answers) { renderOrder(answers[0], answers[1]); });
  }

  function card(title, children, id) {
    var attrs = { className: 'card' };
    if (id) attrs.id = id;
    return el('section', attrs, [el('h2', { text: title })].concat(children));
  }

  function facts(pairs) {
    var list = el('dl');
    pairs.forEach(function (pair) {
      list.appendChild(el('dt', { text: pair[0] }));
      list.appendChild(el('dd', { text: pair[1] === null || pair[1] === undefined || pair[1] === '' ? '—' : String(pair[1]) }));
    });
    return list;
  }

  /** The order's customer return, when it has one: each step, the check, the refund. */
  function returnCard(r) {
    if (!r) return '';
    return card('Customer return', [facts([['Stage', returnStage(r.stage) + ' since ' + when(r.since)], ['Reason', r.reason],
      ['Requested', when(r.requestedAt)], ['Picked up', when(r.pickedUpAt)], ['In transit', when(r.inTransitAt)],
      ['Received', when(r.receivedAt)],
      ['Quality check', r.inspectionPassed === null || r.inspectionPassed === undefined ? '—'
        : (r.inspectionPassed ? 'passed' : 'failed') + (r.inspectionNote ? ': ' + r.inspectionNote : '') + ' (' + when(r.inspectedAt) + ')'],
      ['Refund', r.refundPaise === null || r.refundPaise === undefined ? '—' : rupees(r.refundPaise) + ' (' + when(r.refundedAt) + ')'],
      ['Refund refused', r.refusalReason ? r.refusalReason + ' (' + when(r.refusedAt) + ')' : '—']])], 'order-return');
  }

  function renderOrder(order, alerts) {
    $('order-title').textContent = 'Order ' + order.clientOrderId + ' · ' + order.channel;
    var customer = order.customer || {};
    var address = customer.address || {};
    var risk = order.risk || {};
    var ndr = order.ndr || { attempts: 0, reasons: [] };
    var flags = (order.flags || []).length ? order.flags.map(function (f) { return el('span', { className: 'pill', text: f }); }) : [el('span', { text: 'none' })];
    var routing = order.routing;
    $('order-body').replaceChildren(
      card('Status', [facts([['Seller stage', order.stage], ['Courier status', order.shipmentStatus],
        ['Bucket', order.bucket], ['Courier', order.courier], ['AWB', order.awb], ['Warehouse', order.warehouseId],
        ['Placed', when(order.placedAt)], ['Promised by', order.promisedDeliveryDate], ['Expected by', order.expectedDeliveryDate]]
        .concat(order.deliveryEstimate ? [['Expected delivery', predicted(order.deliveryEstimate)]] : [])),
      el('p', {}, [el('strong', { text: 'Flags: ' })].concat(flags))], 'order-status'),
      card('Timeline', [el('ol', { className: 'timeline', id: 'order-timeline' }, (order.timeline || []).map(function (step) {
        return el('li', {}, [el('time', { datetime: step.at, text: when(step.at) + (step.location ? ' · ' + step.location : '') }),
          el('span', { className: 'step', text: step.code + (step.detail ? ' — ' + step.detail : '') + ' (' + String(step.source).toLowerCase() + ')' })]);
      }))]),
      returnCard(order.customerReturn),
      card('Delivery attempts (NDR)', [el('p', { text: ndr.attempts + ' failed attempt' + (ndr.attempts === 1 ? '' : 's') }),
        el('ol', { id: 'order-ndr' }, (ndr.reasons || []).map(function (reason, i) {
          var attempt = (ndr.failedAttempts || [])[i];
          return el('li', { text: label(reason) + (attempt && attempt.suspicious ? ' — suspicious: ' + attempt.signs.join('; ') : '') });
        }))]),
      card('RTO risk', [el('p', {}, [el('span', { className: 'score', id: 'order-risk', text: risk.score === undefined ? '—' : String(risk.score) }),
        risk.high ? el('span', { className: 'pill high', text: 'high' }) : el('span')]),
        el('ul', {}, (risk.reasons || []).map(function (reason) { return el('li', { text: reason }); }))]),
      card('Routing verdict', [routing ? facts([['Shipped from', routing.warehouseId], ['Nearest holding it', routing.nearestWarehouseId],
        ['Shipped km', routing.shippedKm], ['Nearest km', routing.nearestKm], ['Judged', routing.judged ? 'yes' : 'no'],
        ['Miss', routing.miss ? 'yes, ' + routing.extraKm + ' km extra' : 'no']]) : el('p', { text: 'Not judged yet' })]),
      card('Customer', [facts([['Name', customer.name], ['Phone', customer.phone],
        ['Address', [address.line1, address.line2, address.city, address.state, address.pincode].filter(Boolean).join(', ')],
        ['Payment', order.paymentMode], ['Amount', rupees(order.amountPaise)]])]),
      card('Items', [el('table', { className: 'grid' }, [el('thead', {}, [el('tr', {}, [el('th', { text: 'SKU' }), el('th', { text: 'Name' }), el('th', { className: 'num', text: 'Qty' }), el('th', { className: 'num', text: 'Unit price' })])]),
        el('tbody', {}, (order.items || []).map(function (item) {
          return el('tr', {}, [td(item.sku), td(item.name), td(item.quantity, true), td(rupees(item.unitPricePaise), true)]);
        }))])]),
      card('Alerts', [alerts.alerts.length ? el('table', { className: 'grid', id: 'order-alerts' }, [el('tbody', {}, alerts.alerts.map(function (alert) {
        return el('tr', {}, [td(when(alert.openedAt)), td(alert.type), el('td', {}, [el('span', { className: 'pill ' + alert.severity, text: alert.severity })]), td(alert.state)]);
      }))]) : el('p', { text: 'No alerts' })])
    );
  }

  // ---- Store and channel orders ------------------------------------------------------------

  function showStore() {
    if (!$('manifest-day').value) $('manifest-day').value = todayInIndia();
    return api('/api/store-orders').then(function (answer) {
      fillRows('store-table', answer.rows.map(function (row) {
        return el('tr', {}, [td(row.warehouseId), td(row.courier), td(row.totalUploaded, true)].concat(STORE_STAGES.map(function (stage) {
          var filters = { warehouse: row.warehouseId, storeStage: stage };
          if (row.courier !== 'UNASSIGNED') filters.courier = row.courier;
          return el('td', { className: 'num' }, [el('button', {
            type: 'button', className: 'cell', 'data-stage': stage, 'aria-label': row[stage] + ' ' + label(stage) + ' at ' + row.warehouseId + ' with ' + row.courier,
            onclick: function () { openOrders(filters); }, text: String(row[stage])
          })]);
        })).concat([manifestCell(row)]));
      }));
    });
  }

  /** Today in India, as a date input takes it (YYYY-MM-DD). */
  function todayInIndia() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(new Date());
  }

  /** The manifest of a warehouse and courier on the chosen pickup day, as CSV or PDF. */
  function manifestCell(row) {
    if (row.courier === 'UNASSIGNED') return td(null);
    return el('td', {}, ['csv', 'pdf'].map(function (format) {
      return el('button', {
        type: 'button', className: 'link', 'data-manifest': format,
        'aria-label': format.toUpperCase() + ' manifest of ' + row.courier + ' at ' + row.warehouseId,
        onclick: function () { downloadManifest(row.warehouseId, row.courier, format); },
        text: format.toUpperCase()
      });
    }).reduce(function (cells, button) { return cells.length ? cells.concat([' ', button]) : [button]; }, []));
  }

  /** Fetches a manifest with the key in its header (a link cannot carry it) and saves it. */
  function downloadManifest(warehouse, courier, format) {
    var day = $('manifest-day').value || todayInIndia();
    var params = { warehouse: warehouse, courier: courier, day: day, format: format };
    return fetch('/api/manifests' + query(params), { headers: { 'X-Api-Key': apiKey() || '' } })
      .then(function (response) {
        if (!response.ok) {
          return response.json().catch(function () { return {}; }).then(function (body) {
            throw new Error(body.message || ('The API answered ' + response.status));
          });
        }
        return response.blob().then(function (blob) {
          var link = el('a', { href: URL.createObjectURL(blob), download: 'manifest-' + courier + '-' + warehouse + '-' + day + '.' + format });
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
        });
      })
      .catch(showProblem);
  }

  function showChannels() {
    return api('/api/channel-orders').then(function (answer) {
      fillRows('channel-table', answer.rows.map(function (row) {
        return el('tr', {}, [td(row.tenantId), td(row.channel), td(row.UNFULFILLED, true), td(row.FULFILLED, true), td(row.ISSUE, true)]);
      }));
    });
  }

  // ---- Alerts ------------------------------------------------------------------------------

  function showAlerts() {
    setForm($('alert-filters'), state.alerts.filters);
    return loadAlerts();
  }

  function loadAlerts() {
    var alerts = state.alerts;
    var filters = alerts.filters;
    var current = latest('alerts');
    var byType = api('/api/alerts/counts', { severity: filters.severity, type: filters.type }).then(ifLatest(current, function (answer) {
      fillRows('alert-counts', answer.rows.map(function (row) {
        return el('tr', {}, [td(row.type), td(row.OPEN, true), td(row.RESOLVED, true), td(row.total, true)]);
      }), 'No alerts');
    }));
    var bySeverity = Promise.all(SEVERITIES.map(function (severity) {
      return api('/api/alerts/counts', { severity: severity, state: 'OPEN', type: filters.type });
    })).then(ifLatest(current, function (answers) {
      fillRows('alert-severities', answers.map(function (answer, i) {
        var open = answer.rows.reduce(function (sum, row) { return sum + row.OPEN; }, 0);
        return el('tr', {}, [td(SEVERITIES[i]), td(open, true)]);
      }));
    }));
    var incidents = loadIncidents();
    var list = api('/api/alerts', Object.assign({}, filters, { size: PAGE_SIZE, after: alerts.cursors[alerts.page] })).then(ifLatest(current, function (answer) {
      alerts.next = answer.next;
      $('alerts-total').textContent = answer.total + (answer.totalExact ? '' : '+') + ' alert' + (answer.total === 1 ? '' : 's') + ', newest change first';
      fillRows('alerts-table', answer.alerts.map(function (alert) {
        return el('tr', { 'data-alert-id': alert.alertId }, [td(when(alert.openedAt)), td(alert.type),
          el('td', {}, [el('span', { className: 'pill ' + alert.severity, text: alert.severity })]), td(alert.state),
          el('td', {}, [alert.orderId ? orderLink(alert.orderId) : document.createTextNode(alert.sku || '—')]),
          td(alert.courier), td((alert.reasons || []).join('; '))]);
      }), 'No alerts');
      $('alerts-next').disabled = !answer.next;
      $('alerts-first').disabled = alerts.page === 0;
    }));
    return Promise.all([incidents, byType, bySeverity, list]);
  }

  // ---- Incidents ---------------------------------------------------------------------------

  /** Every open incident, then the latest resolved ones: each a row, its parcels a row under it. */
  function loadIncidents() {
    var current = latest('incidents');
    return Promise.all([
      api('/api/incidents', { state: 'OPEN', size: 100 }),
      api('/api/incidents', { state: 'RESOLVED', size: RESOLVED_INCIDENTS_SHOWN })
    ]).then(ifLatest(current, function (answers) {
      state.incidents.open = answers[0];
      state.incidents.resolved = answers[1];
      renderIncidents();
    }));
  }

  function renderIncidents() {
    var open = state.incidents.open;
    var resolved = state.incidents.resolved;
    $('incidents-total').textContent = open.total + (open.totalExact ? '' : '+') + ' open incident' + (open.total === 1 ? '' : 's') +
      (resolved.total ? ', then the latest resolved' : '');
    var rows = [];
    open.incidents.concat(resolved.incidents).forEach(function (incident) {
      rows.push(incidentRow(incident));
      if (state.incidents.shown[incident.incidentId]) rows.push(parcelsRow(incident));
    });
    fillRows('incidents-table', rows, 'No incidents');
  }

  function incidentRow(incident) {
    var shown = !!state.incidents.shown[incident.incidentId];
    var where = incident.hub ? incident.hub + (incident.city ? ', ' + incident.city : '')
      : incident.channel ? 'channel ' + incident.channel
        : incident.warehouseId ? 'warehouse ' + incident.warehouseId : 'tracking feed';
    return el('tr', { 'data-incident-id': incident.incidentId, className: incident.state === 'OPEN' ? 'open-incident' : '' }, [
      td(label(incident.type)), td(incident.courier), td(where),
      el('td', { className: 'num' }, [el('button', {
        type: 'button', className: 'cell', 'aria-expanded': String(shown),
        'aria-label': (shown ? 'Hide the ' : 'Show the ') + incident.parcelCount + ' parcels of this incident',
        onclick: function () {
          if (shown) delete state.incidents.shown[incident.incidentId];
          else state.incidents.shown[incident.incidentId] = true;
          renderIncidents();
        },
        text: String(incident.parcelCount)
      })]),
      td(incident.orderAlerts, true), td(when(incident.since)), td(when(incident.openedAt)),
      el('td', {}, [el('span', { className: 'pill ' + incident.state, text: incident.state })])
    ]);
  }

  /** The incident's parcels (up to the 100 the API names), each opening its order. */
  function parcelsRow(incident) {
    var columns = $('incidents-table').tHead.rows[0].cells.length;
    var more = incident.parcelCount - incident.parcels.length;
    var items = incident.parcels.map(function (parcel) {
      return el('li', {}, [el('button', { type: 'button', className: 'cell parcel', 'data-parcel': parcel,
        onclick: function () { openParcel(parcel); }, text: awbOf(parcel) })]);
    });
    if (more > 0) items.push(el('li', { text: 'and ' + more + ' more' }));
    return el('tr', { className: 'parcels', 'data-parcels-of': incident.incidentId }, [
      el('td', { colspan: columns }, [el('ul', { className: 'parcel-list' }, items)])
    ]);
  }

  /** The AWB of a shipment key (tenant:COURIER:awb); the AWB itself may hold colons. */
  function awbOf(parcel) { return parcel.split(':').slice(2).join(':'); }

  /** Opens the parcel's order when the search by its AWB finds exactly one, else the search. */
  function openParcel(parcel) {
    var filters = { q: awbOf(parcel), courier: parcel.split(':')[1] };
    clearProblem();
    api('/api/orders', Object.assign({ size: 2 }, filters)).then(function (answer) {
      if (answer.orders.length === 1) location.hash = '#order/' + encodeURIComponent(answer.orders[0].orderId);
      else openOrders(filters);
    }).catch(showProblem);
  }

  // ---- Feeds -------------------------------------------------------------------------------

  function showFeeds() {
    setForm($('feed-filters'), state.feeds.filters);
    return loadFeeds();
  }

  function loadFeeds() {
    var current = latest('feeds');
    return api('/api/feed-health', Object.assign({ size: 1000 }, state.feeds.filters)).then(ifLatest(current, function (answer) {
      var silent = answer.feeds.filter(function (feed) { return feed.state === 'SILENT'; }).length;
      $('feeds-total').textContent = answer.total + ' feed' + (answer.total === 1 ? '' : 's') + ', ' + silent + ' silent';
      fillRows('feeds-table', answer.feeds.map(feedRow), 'No feeds');
    }));
  }

  function feedRow(feed) {
    var stateCell = [el('span', { className: 'pill ' + feed.state, text: feed.state })];
    if (feed.silentSince) stateCell.push(document.createTextNode(' '), el('span', { className: 'since', text: 'since ' + when(feed.silentSince) }));
    var codes = feed.kind !== 'COURIER' ? '' : (feed.unknownCodes || []).slice(0, 3).map(function (code) {
      return code.code + (code.text ? ' “' + code.text + '”' : '') + ' ×' + code.scans;
    }).join('; ');
    return el('tr', { 'data-feed-id': feed.feedId, className: feed.state === 'SILENT' ? 'silent' : '' }, [
      td(label(feed.kind)), td(feed.name), el('td', {}, stateCell),
      td(feed.eventsLastHour, true), td(feed.usualEventsPerHour === undefined ? null : Number(feed.usualEventsPerHour).toFixed(1), true),
      td(feed.kind === 'COURIER' ? share(feed.unmappedShare) : null, true),
      el('td', { className: 'codes', text: codes || '—' }),
      td(feed.duplicates, true), td(feed.kind === 'COURIER' ? feed.regressions : null, true),
      td([feed.lagP50Ms, feed.lagP90Ms, feed.lagP99Ms].map(lag).join(' / '), true),
      td(feed.kind === 'COURIER' ? feed.live : null, true), td(when(feed.lastArrivalAt))
    ]);
  }

  function share(value) { return value === null || value === undefined ? null : (value * 100).toFixed(1) + '%'; }

  /** A lag in milliseconds as seconds, minutes or hours, whichever reads best. */
  function lag(ms) {
    if (ms === null || ms === undefined) return '—';
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 1 : 0) + ' s';
    if (ms < 3600000) return (ms / 60000).toFixed(1) + ' min';
    return (ms / 3600000).toFixed(1) + ' h';
  }

  // ---- Low stock ---------------------------------------------------------------------------

  function showStock() {
    return api('/api/low-stock', Object.assign({ size: 100 }, formData($('stock-filters')))).then(function (answer) {
      $('stock-total').textContent = answer.total + ' SKU × warehouse' + (answer.total === 1 ? '' : 's') + ' low, least available first';
      fillRows('stock-table', answer.stock.map(function (row) {
        return el('tr', {}, [td(row.sku), td(row.warehouseId), td(row.available, true), td(row.lowStockThreshold, true),
          td(row.daysOfCover === null || row.daysOfCover === undefined ? null : Number(row.daysOfCover).toFixed(1), true)]);
      }), 'No SKU is low');
    });
  }

  // ---- Analytics ---------------------------------------------------------------------------

  var echartsLoading = null;

  function loadEcharts() {
    if (!echartsLoading) {
      echartsLoading = new Promise(function (resolve, reject) {
        var script = el('script', { src: ECHARTS });
        script.onload = function () { resolve(window.echarts); };
        script.onerror = function () { reject(new Error('The charting library could not be loaded')); };
        document.head.appendChild(script);
      });
    }
    return echartsLoading;
  }

  function isoDay(date) { return date.toISOString().substring(0, 10); }

  function showAnalytics() {
    var form = $('analytics-filters');
    if (!form.elements.from.value) {
      form.elements.from.value = isoDay(new Date(Date.now() - 29 * 86400000));
      form.elements.to.value = isoDay(new Date());
    }
    var values = formData(form);
    var range = { from: values.from, to: values.to, minSample: values.minSample };
    var charts = loadEcharts();
    var current = latest('analytics');
    return Promise.all([
      Promise.all([charts, api('/api/analytics/rto', Object.assign({ interval: 'day', groupBy: values.groupBy }, range))])
        .then(ifLatest(current, function (r) { rtoChart(r[0], r[1].rows, values.groupBy); })),
      Promise.all([charts, api('/api/analytics/ndr', range)]).then(ifLatest(current, function (r) { ndrChart(r[0], r[1].rows); })),
      api('/api/analytics/turnaround', Object.assign({ groupBy: 'courier' }, range)).then(ifLatest(current, function (answer) {
        fillRows('turnaround-table', answer.rows.map(function (row) {
          var t = row.turnaroundMinutes || {};
          return el('tr', {}, [td(row.courier), td(row.delivered, true), td(hours(t.p50), true), td(hours(t.p90), true), td(hours(t.p99), true), td(percent(row.firstAttemptRate), true)]);
        }));
      })),
      api('/api/analytics/couriers', Object.assign({ groupBy: 'courier' }, range)).then(ifLatest(current, function (answer) {
        fillRows('courier-table', answer.rows.map(function (row) {
          return el('tr', {}, [td(row.courier), td(row.shipments, true), td(row.delivered, true), td(row.rto, true), td(row.lost, true), td(row.open, true),
            td(percent(row.rtoRate), true), td(percent(row.firstAttemptRate), true), td(row.stuck, true), td(row.courierErrors, true)]);
        }));
      })),
      api('/api/analytics/routing', Object.assign({ groupBy: 'warehouse' }, range)).then(ifLatest(current, function (answer) {
        fillRows('routing-misses-table', answer.rows.map(function (row) {
          return el('tr', {}, [td(row.warehouse), td(row.orders, true), td(row.judged, true), td(row.misses, true), td(percent(row.missRate), true), td(row.extraKm, true)]);
        }));
      }))
    ]);
  }

  function chartIn(echarts, id) {
    if (!state.charts[id]) state.charts[id] = echarts.init($(id));
    return state.charts[id];
  }

  /** One line per group, its 95% interval a band under it (low, then high − low stacked). */
  function rtoChart(echarts, rows, dimension) {
    var days = [];
    var groups = {};
    rows.forEach(function (row) {
      if (days.indexOf(row.period) < 0) days.push(row.period);
      (groups[row[dimension]] = groups[row[dimension]] || {})[row.period] = row.rtoRate;
    });
    days.sort();
    var series = [];
    Object.keys(groups).sort().forEach(function (name, i) {
      var color = PALETTE[i % PALETTE.length];
      var rates = days.map(function (day) { return groups[name][day] || {}; });
      var pct = function (v) { return v === null || v === undefined ? null : +(v * 100).toFixed(2); };
      series.push({ name: name, type: 'line', data: rates.map(function (r) { return pct(r.value); }), connectNulls: true, symbolSize: 4,
        itemStyle: { color: color }, lineStyle: { color: color } });
      series.push({ name: name, type: 'line', stack: 'band-' + name, data: rates.map(function (r) { return pct(r.low); }),
        itemStyle: { color: color }, lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } });
      series.push({ name: name, type: 'line', stack: 'band-' + name, data: rates.map(function (r) { return r.high === null || r.high === undefined ? null : pct(r.high - r.low); }),
        itemStyle: { color: color }, lineStyle: { opacity: 0 }, areaStyle: { color: color, opacity: 0.12 }, symbol: 'none', tooltip: { show: false } });
    });
    chartIn(echarts, 'rto-chart').setOption({
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null ? '—' : v + '%'; } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: days.map(function (d) { return d.substring(0, 10); }) },
      yAxis: { type: 'value', name: 'RTO %' },
      series: series
    }, true);
  }

  function ndrChart(echarts, rows) {
    var reasons = rows.length ? rows[0].reasons || [] : [];
    function percent(rate) { return rate.value === null ? null : +(rate.value * 100).toFixed(1); }
    chartIn(echarts, 'ndr-chart').setOption({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 150, right: 24, top: 32, bottom: 24 },
      xAxis: { type: 'value', name: '%', max: 100 },
      yAxis: { type: 'category', inverse: true, data: reasons.map(function (r) { return label(r.reason); }) },
      series: [
        { name: 'Share of failed attempts', type: 'bar', data: reasons.map(function (r) { return percent(r.share); }) },
        { name: 'Rescued: delivered after a first failure for this reason', type: 'bar', data: reasons.map(function (r) { return percent(r.endedDelivered); }) }
      ]
    }, true);
  }

  // ---- Routing -----------------------------------------------------------------------------

  function routeOrder(event) {
    event.preventDefault();
    clearProblem();
    load(function () {
      return api('/api/routing', formData($('routing-form'))).then(renderRouting);
    });
  }

  function renderRouting(answer) {
    var d = answer.destination;
    var parts = [el('p', { text: 'To ' + d.pincode + ' (' + [d.district, d.state].filter(Boolean).join(', ') + ')' })];
    parts.push(el('h2', { text: 'Warehouses holding the whole order, nearest first' }));
    parts.push(answer.warehouses.length ? el('div', { className: 'scroll' }, [el('table', { className: 'grid', id: 'routing-warehouses' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: '#' }), el('th', { text: 'Warehouse' }), el('th', { text: 'Place' }), el('th', { className: 'num', text: 'km' })])]),
      el('tbody', {}, answer.warehouses.map(function (w, i) {
        return el('tr', {}, [td(i + 1, true), td(w.warehouseId), td([w.district, w.state].filter(Boolean).join(', ')), td(w.distanceKm.toFixed(1), true)]);
      }))])]) : el('p', { text: 'No single warehouse holds the whole order.' }));
    if (answer.split && answer.split.shipments.length) {
      parts.push(el('h2', { text: 'Split' + (answer.split.fewestWarehouses ? ' (fewest warehouses)' : '') }));
      parts.push(el('ul', { id: 'routing-split' }, answer.split.shipments.map(function (s) {
        return el('li', { text: s.warehouseId + ' (' + s.distanceKm.toFixed(1) + ' km): ' + s.items.map(function (i) { return i.sku + ' × ' + i.quantity; }).join(', ') });
      })));
    }
    if (answer['short'] && answer['short'].length) {
      parts.push(el('h2', { text: 'Short' }));
      parts.push(el('ul', { id: 'routing-short' }, answer['short'].map(function (s) {
        return el('li', { text: s.sku + ': ' + s.wanted + ' wanted, only ' + s.available + ' available' });
      })));
    }
    if (answer.rto) {
      parts.push(el('h2', { text: 'RTO rate to this destination (' + answer.rto.paymentMode + ')' }));
      parts.push(el('ul', {}, answer.rto.byCourier.map(function (c) { return el('li', { text: c.courier + ': ' + percent(c.rtoRate) + ' of ' + c.ended }); })));
    }
    $('routing-answer').replaceChildren.apply($('routing-answer'), parts);
  }

  // ---- Start -------------------------------------------------------------------------------

  function start() {
    STATUSES.forEach(function (s) { $('f-status').appendChild(el('option', { value: s, text: label(s) })); });
    ALERT_TYPES.forEach(function (t) { $('a-type').appendChild(el('option', { value: t, text: label(t) })); });
    $('sign-in-form').addEventListener('submit', signIn);
    $('sign-out').addEventListener('click', function () { signOut(''); });
    wirePagedSearch('order-search', 'orders', state.orders, loadOrders);
    $('orders-size').addEventListener('change', function () {
      state.orders.size = Number($('orders-size').value);
      firstPage(state.orders);
      load(loadOrders);
    });
    wirePagedSearch('return-search', 'returns', state.returns, loadReturns);
    wirePagedSearch('cod-search', 'cod', state.cod, loadCod);
    $('alert-filters').addEventListener('submit', function (event) {
      event.preventDefault();
      state.alerts.filters = formData($('alert-filters'));
      firstPage(state.alerts);
      load(loadAlerts);
    });
    $('alerts-next').addEventListener('click', function () { nextPage(state.alerts, loadAlerts); });
    $('alerts-first').addEventListener('click', function () { firstPage(state.alerts); load(loadAlerts); });
    $('feed-filters').addEventListener('submit', function (event) {
      event.preventDefault();
      state.feeds.filters = formData($('feed-filters'));
      load(loadFeeds);
    });
    $('stock-filters').addEventListener('submit', function (event) { event.preventDefault(); load(showStock); });
    $('analytics-filters').addEventListener('submit', function (event) { event.preventDefault(); load(showAnalytics); });
    $('routing-form').addEventListener('submit', routeOrder);
    window.addEventListener('hashchange', route);
    window.addEventListener('resize', function () {
      Object.keys(state.charts).forEach(function (id) { state.charts[id].resize(); });
    });
    setInterval(tick, 1000);
    setInterval(refresh, REFRESH_MS);
    if (apiKey()) enter();
    else signOut('');
    checkHealth();
  }

  start();
}());
