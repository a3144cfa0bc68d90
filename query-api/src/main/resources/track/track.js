// The public tracking page: asks /api/track with what the customer typed and shows the answer.
// Every text goes through textContent: nothing the API returns is ever read as HTML.
"use strict";

const IST = { timeZone: "Asia/Kolkata" };
const ATTENTION = new Set(["DELIVERY_ATTEMPTED", "RETURNING_TO_SELLER", "HELD_UP", "CANCELLED"]);

function byId(id) {
  return document.getElementById(id);
}

function dateTime(iso) {
  return new Date(iso).toLocaleString("en-IN", { ...IST, dateStyle: "medium", timeStyle: "short" });
}

function day(iso) {
  return new Date(iso).toLocaleDateString("en-IN", { ...IST, weekday: "short", day: "numeric", month: "short" });
}

function row(id, text) {
  byId(id).textContent = text || "";
  byId(id + "-row").hidden = !text;
}

function expected(parcel) {
  const e = parcel.expectedDelivery;
  if (!e) {
    return "";
  }
  const likely = day(e.at);
  const earliest = e.earliest ? day(e.earliest) : likely;
  const latest = e.latest ? day(e.latest) : likely;
  return earliest === latest ? likely : `${likely} (${earliest} – ${latest})`;
}

function show(parcel) {
  const status = byId("status");
  status.textContent = parcel.statusText;
  status.classList.toggle("attention", ATTENTION.has(parcel.status));
  row("expected", expected(parcel));
  row("delivered", parcel.deliveredAt ? dateTime(parcel.deliveredAt) : "");
  row("promised", parcel.promisedDeliveryDate ? day(parcel.promisedDeliveryDate + "T12:00:00+05:30") : "");
  byId("order").textContent = parcel.orderNumber || "";
  row("courier", parcel.courier ? `${parcel.courier} · ${parcel.awb}` : "");
  row("city", parcel.destinationCity || "");
  const steps = byId("steps");
  steps.replaceChildren();
  for (const step of parcel.steps || []) {
    const item = document.createElement("li");
    const when = document.createElement("span");
    when.className = "when";
    when.textContent = dateTime(step.at) + (step.city ? ` · ${step.city}` : "");
    item.append(document.createTextNode(step.text), when);
    steps.append(item);
  }
  byId("parcel").hidden = false;
}

function problem(text) {
  const p = byId("problem");
  p.textContent = text;
  p.hidden = !text;
}

async function lookup(event) {
  event.preventDefault();
  const reference = byId("reference").value.trim();
  const check = byId("check").value.trim();
  const button = byId("track");
  button.disabled = true;
  problem("");
  byId("parcel").hidden = true;
  try {
    const query = new URLSearchParams({ reference, check });
    const response = await fetch("/api/track?" + query, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      show(body);
    } else {
      problem(body.message || "Tracking is not available right now; please try again.");
    }
  } catch (e) {
    problem("Tracking is not available right now; please try again.");
  } finally {
    button.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const given = new URLSearchParams(window.location.search).get("reference");
  if (given) {
    byId("reference").value = given;
  }
  byId("lookup").addEventListener("submit", lookup);
});
