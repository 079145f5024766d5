import { mount } from "svelte";
import App from "./App.svelte";
import QuickPick from "./components/QuickPick.svelte";
import "./app.css";

// One bundle, two windows: the quick-pick window loads it as `#quick`.
const target = document.getElementById("app");
if (target) mount(location.hash === "#quick" ? QuickPick : App, { target });
