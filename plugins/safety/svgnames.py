"""The SVG the site accepts: elements and attributes that draw, and nothing else (svg.py applies them).

An allowlist, so what a browser adds next year is refused until someone reads it and adds it here.
Names are case-sensitive, as in XML.
"""

from messages import t

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
})

# Refused elements a person is likely to meet, with why (the rest: "not a drawing element").
ANIMATION = t("an animation can change the drawing's links and attributes after it is checked")
REFUSED = {
    "script": t("a <script> runs code in the visitor's browser"),
    "foreignObject": t("a <foreignObject> holds HTML, which can run script"),
    "a": t("a link (<a>) can take the visitor to another site"),
    "image": t("an <image> loads or embeds another picture, which the site cannot check"),
    "feImage": t("an <feImage> loads or embeds another picture, which the site cannot check"),
    "animate": ANIMATION,
    "animateMotion": ANIMATION,
    "animateTransform": ANIMATION,
    "set": t("a <set> can change the drawing's links and attributes after it is checked"),
    "iframe": t("an <iframe> loads another page"),
}

# Attributes without a namespace. `href` is checked apart (a local #reference only).
ATTRIBUTES = frozenset({
    # every element
    "id", "class", "style", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
    "focusable", "transform", "systemLanguage",
    # the <svg> element, sizes and places
    "viewBox", "width", "height", "x", "y", "preserveAspectRatio", "version", "baseProfile",
    # shapes
    "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "d", "points", "pathLength",
    # gradients, patterns, clips, masks, markers
    "gradientUnits", "gradientTransform", "spreadMethod", "offset", "patternUnits", "patternContentUnits",
    "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerWidth", "markerHeight",
    "markerUnits", "refX", "refY", "orient",
    # text
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
    # <style>
    "type", "media", "title",
    # presentation attributes (CSS properties written as attributes)
    "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
    "color-interpolation-filters", "color-rendering", "direction", "display", "dominant-baseline",
    "enable-background", "fill", "fill-opacity", "fill-rule", "filter", "flood-color", "flood-opacity",
    "font-family", "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight",
    "image-rendering", "isolation", "letter-spacing", "lighting-color", "marker-start", "marker-mid",
    "marker-end", "mask", "mask-type", "mix-blend-mode", "opacity", "overflow", "paint-order",
    "pointer-events", "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
    "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
    "stroke-width", "text-anchor", "text-decoration", "text-rendering", "transform-origin", "unicode-bidi",
    "vector-effect", "visibility", "word-spacing", "writing-mode",
    # filters
    "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "values", "operator",
    "k1", "k2", "k3", "k4", "scale", "xChannelSelector", "yChannelSelector", "baseFrequency", "numOctaves",
    "seed", "stitchTiles", "tableValues", "slope", "intercept", "amplitude", "exponent", "radius",
    "surfaceScale", "diffuseConstant", "specularConstant", "specularExponent", "kernelMatrix",
    "kernelUnitLength", "order", "divisor", "bias", "targetX", "targetY", "edgeMode", "preserveAlpha",
    "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle",
})
XLINK_ATTRIBUTES = frozenset({"href", "title"})
XML_ATTRIBUTES = frozenset({"space", "lang"})  # not xml:base, which changes where links lead
TEXT_ATTRIBUTES = frozenset({"aria-label", "title"})  # free text: parentheses there are not CSS

# CSS functions a drawing uses (colours, sizes, transforms, filter effects, clip shapes).
# Not on the list, so refused: image-set(), image(), cross-fade(), element(), src(), expression()…
# — the ones that load a file, or ran script in old browsers.
CSS_FUNCTIONS = frozenset({
    "url",  # checked apart: url(#local) only
    "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix",
    "calc", "min", "max", "clamp", "var",
    "matrix", "matrix3d", "translate", "translatex", "translatey", "translatez", "translate3d", "rotate",
    "rotatex", "rotatey", "rotatez", "rotate3d", "scale", "scalex", "scaley", "scalez", "scale3d", "skew",
    "skewx", "skewy", "perspective", "cubic-bezier", "steps",
    "blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "opacity", "saturate",
    "sepia", "inset", "circle", "ellipse", "polygon", "path",
})
