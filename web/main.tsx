import { createRoot } from "react-dom/client";

function App() {
  return <div>hi</div>;
}
createRoot(document.getElementById("root")!).render(<App />);
