// The 3D preview of an order's model, drawn with three.js (https://threejs.org/docs/) in the order's metal. Only
// the order page imports it (model-preview-watch.js), so three.js is a chunk of its own. It draws on demand, when
// the view changes (drag, zoom, keys, resize), never in an animation loop, so an idle page costs no CPU. Without
// WebGL it says so in words and still fills in the size, which comes from the file, not from the drawing.
import {
    Box3, Color, Group, Mesh, MeshStandardMaterial, PMREMGenerator, PerspectiveCamera, Scene, Vector3, WebGLRenderer,
} from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { RoomEnvironment } from "three/examples/jsm/environments/RoomEnvironment.js";
import { OBJLoader } from "three/examples/jsm/loaders/OBJLoader.js";
import { STLLoader } from "three/examples/jsm/loaders/STLLoader.js";
import { toCreasedNormals } from "three/examples/jsm/utils/BufferGeometryUtils.js";

// Base colours of the metals (sRGB), lit by a studio-like environment so they read as metal, not as paint.
const metals = {
    gold: { color: 0xf2c65a, roughness: 0.3 },
    silver: { color: 0xe3e4e6, roughness: 0.25 },
    platinum: { color: 0xc9c6c1, roughness: 0.35 },
};
const otherMaterial = { color: 0xb8b0c8, roughness: 0.5 };
const background = 0x2a2235;

// STL gives each triangle its own normal, so a curved surface looks faceted; up to this many triangles, normals are
// smoothed across edges flatter than the crease angle (a ring's band looks round, a cube keeps its edges).
const smoothUpTo = 500_000;
const creaseAngle = Math.PI / 6;

const keyTurn = Math.PI / 12;
const keyZoom = 1.15;
const numbers = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

// The parsed file of each model shown on this page, by its address and file id: the live section is swapped in
// again on every change of the order, and the preview is drawn again without downloading the file again.
const models = new Map();

/** Draws the model the figure names; returns the preview (to dispose of when the figure goes), or null. */
export async function showModel(figure) {
    const status = figure.querySelector("[data-preview-status]");
    const say = text => {
        status.textContent = text;
        status.hidden = false;
    };

    let geometries;
    try {
        geometries = await load(figure, percent => say(`Loading the 3D preview… ${percent} %`));
    } catch (error) {
        say(error instanceof PreviewError ? error.message : "The 3D preview could not be loaded. Reload the page to try again.");
        figure.dataset.previewState = "failed";
        return null;
    }

    if (!figure.isConnected) {
        return null;
    }

    const sizeText = describeSize(sizeOf(geometries));
    const sizeField = figure.closest("[data-live-order]")?.querySelector("#model-size") ?? document.getElementById("model-size");
    if (sizeField) {
        sizeField.textContent = sizeText;
    }

    let renderer;
    try {
        renderer = new WebGLRenderer({ antialias: true });
    } catch {
        say("Your browser cannot show 3D models here (WebGL is turned off or not supported), so there is no preview. "
            + "The size and polygon count beside it are measured from your file all the same.");
        figure.dataset.previewState = "no-webgl";
        return null;
    }

    return new Preview(figure, renderer, geometries, describe(figure, sizeText));
}

class Preview {
    constructor(figure, renderer, geometries, description) {
        this.renderer = renderer;
        this.stage = figure.querySelector("[data-preview-stage]");
        this.status = figure.querySelector("[data-preview-status]");
        this.reset = figure.querySelector("[data-preview-reset]");

        const metal = metals[figure.dataset.material] ?? otherMaterial;
        this.material = new MeshStandardMaterial({ color: metal.color, metalness: 1, roughness: metal.roughness });
        this.scene = new Scene();
        this.scene.background = new Color(background);
        const environment = new PMREMGenerator(renderer);
        this.environment = environment.fromScene(new RoomEnvironment(), 0.04).texture;
        environment.dispose();
        this.scene.environment = this.environment;

        const model = new Group();
        for (const geometry of geometries) {
            model.add(new Mesh(geometry, this.material));
        }

        // STL files are Z-up by convention (CAD and slicers); three.js is Y-up, as OBJ files usually are.
        if (figure.dataset.modelFormat?.startsWith("Stl")) {
            model.rotation.x = -Math.PI / 2;
        }

        const box = new Box3().setFromObject(model);
        model.position.sub(box.getCenter(new Vector3()));
        this.scene.add(model);

        // Framed from the front, a little above and to the right, with room around it.
        const radius = Math.max(box.getSize(new Vector3()).length() / 2, 1e-6);
        this.camera = new PerspectiveCamera(35, 4 / 3, radius / 100, radius * 100);
        const distance = radius / Math.sin((this.camera.fov * Math.PI) / 360) * 1.1;
        this.camera.position.set(0.55, 0.45, 1).normalize().multiplyScalar(distance);

        const canvas = renderer.domElement;
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", description);
        canvas.setAttribute("tabindex", "0");
        canvas.dataset.testid = "model-canvas";
        canvas.className = "model-preview-canvas";

        this.controls = new OrbitControls(this.camera, canvas);
        this.controls.minDistance = radius * 1.2;
        this.controls.maxDistance = distance * 5;
        this.controls.saveState();
        this.render = () => renderer.render(this.scene, this.camera);
        this.controls.addEventListener("change", this.render);

        canvas.addEventListener("keydown", event => this.onKey(event));
        canvas.addEventListener("webglcontextlost", event => this.onContextLost(event));
        this.onReset = () => this.controls.reset();
        this.reset?.addEventListener("click", this.onReset);
        if (this.reset) {
            this.reset.hidden = false;
        }

        this.status.hidden = true;
        this.stage.append(canvas);
        this.resizing = new ResizeObserver(() => this.resize());
        this.resizing.observe(this.stage);
        this.resize();
        figure.dataset.previewState = "shown";
        // When the customer first saw their piece, for anyone measuring the page (the browser tests print it).
        performance.mark("model-preview-drawn", { detail: figure.dataset.modelName });
    }

    resize() {
        const width = this.stage.clientWidth;
        const height = this.stage.clientHeight;
        if (width === 0 || height === 0) {
            return;
        }

        this.renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
        // The canvas's displayed size is the stylesheet's (no inline style: the CSP allows none); this sets its pixels.
        this.renderer.setSize(width, height, false);
        this.camera.aspect = width / height;
        this.camera.updateProjectionMatrix();
        this.render();
    }

    /** Arrow keys turn the piece, + and − zoom, Home (or 0) puts the view back. */
    onKey(event) {
        const actions = {
            ArrowLeft: () => this.controls.rotateLeft(keyTurn),
            ArrowRight: () => this.controls.rotateLeft(-keyTurn),
            ArrowUp: () => this.controls.rotateUp(keyTurn),
            ArrowDown: () => this.controls.rotateUp(-keyTurn),
            "+": () => this.controls.dollyIn(keyZoom),
            "=": () => this.controls.dollyIn(keyZoom),
            "-": () => this.controls.dollyOut(keyZoom),
            Home: () => this.controls.reset(),
            0: () => this.controls.reset(),
        };
        const action = actions[event.key];
        if (action && !event.altKey && !event.ctrlKey && !event.metaKey) {
            event.preventDefault();
            action();
        }
    }

    onContextLost(event) {
        event.preventDefault();
        if (this.disposed) {
            return;
        }

        this.renderer.domElement.hidden = true;
        this.status.textContent = "The 3D preview stopped: the browser took back its graphics memory. Reload the page to see it again.";
        this.status.hidden = false;
    }

    dispose() {
        this.disposed = true;
        this.resizing.disconnect();
        this.reset?.removeEventListener("click", this.onReset);
        this.controls.dispose();
        this.material.dispose();
        this.environment.dispose();
        this.renderer.dispose();
        // Browsers keep only a few WebGL contexts; give this one back now rather than when it is collected.
        this.renderer.forceContextLoss();
    }
}

/** A failure to say to the customer as it is. */
class PreviewError extends Error {}

/** The model's geometries: parsed once per file and page. */
function load(figure, onProgress) {
    const key = `${figure.dataset.modelUrl}#${figure.dataset.modelFile}`;
    if (!models.has(key)) {
        // Only the current model is worth keeping: a replaced one is not shown again.
        models.clear();
        const loading = fetchModel(figure.dataset.modelUrl, onProgress).then(buffer => parse(buffer, figure.dataset.modelFormat));
        loading.catch(() => models.delete(key));
        models.set(key, loading);
    }

    return models.get(key);
}

async function fetchModel(url, onProgress) {
    const response = await fetch(url, { headers: { Accept: "model/stl, model/obj, application/problem+json" } });
    if (!response.ok) {
        let message = "The 3D preview could not be loaded. Reload the page to try again.";
        try { message = (await response.json()).detail || message; } catch { /* not problem details: keep the general message */ }
        throw new PreviewError(message);
    }

    const total = Number(response.headers.get("Content-Length")) || 0;
    if (!total || !response.body) {
        return response.arrayBuffer();
    }

    const bytes = new Uint8Array(total);
    const reader = response.body.getReader();
    let received = 0;
    let shown = -1;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        if (received + chunk.value.length > total) {
            throw new PreviewError("The model arrived damaged. Reload the page to try again.");
        }

        bytes.set(chunk.value, received);
        received += chunk.value.length;
        const percent = Math.floor((100 * received) / total / 10) * 10;
        if (percent !== shown) {
            shown = percent;
            onProgress(percent);
        }
    }

    return bytes.buffer.slice(0, received);
}

function parse(buffer, format) {
    let geometries;
    if (format === "Obj") {
        geometries = [];
        new OBJLoader().parse(new TextDecoder().decode(buffer)).traverse(part => {
            if (part.isMesh) {
                geometries.push(part.geometry);
            }
        });
    } else {
        const geometry = new STLLoader().parse(buffer);
        const triangles = geometry.getAttribute("position").count / 3;
        geometries = [triangles > 0 && triangles <= smoothUpTo ? toCreasedNormals(geometry, creaseAngle) : geometry];
    }

    for (const geometry of geometries) {
        // OBJ files may leave normals out; lighting needs them.
        if (!geometry.getAttribute("normal")) {
            geometry.computeVertexNormals();
        }
    }

    if (geometries.length === 0) {
        throw new PreviewError("The model has no surfaces to show.");
    }

    return geometries;
}

/** The axis-aligned bounding box's extent, in the file's own axes and units. */
export function sizeOf(geometries) {
    const box = new Box3();
    for (const geometry of geometries) {
        geometry.computeBoundingBox();
        box.union(geometry.boundingBox);
    }

    return box.getSize(new Vector3());
}

/** "12.5 × 10 × 4.2 mm": the file's x, y and z; model files are in millimetres, as the shop asks for. */
export function describeSize(size) {
    return `${numbers.format(size.x)} × ${numbers.format(size.y)} × ${numbers.format(size.z)} mm`;
}

function describe(figure, sizeText) {
    const polygons = Number(figure.dataset.modelPolygons);
    const count = Number.isFinite(polygons) ? `, ${numbers.format(polygons)} polygons` : "";
    return `3D preview of ${figure.dataset.modelName} in ${figure.dataset.material}: ${sizeText}${count}. `
        + "Arrow keys turn it, + and − zoom, Home resets the view.";
}
