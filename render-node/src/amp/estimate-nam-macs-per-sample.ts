/** @module `estimateNamMacsPerSample`: multiply-accumulates per output sample of a model's forward pass. */
import { type NamFile, resolveWaveNetLayerArray, WAVENET_FILM_KEYS } from "@gts/api/contract";

/**
 * Counts the matrix products of spec §3–§6 (conv taps, 1×1s, FiLMs, LSTM gates, heads); activations and additions are
 * not counted. A container counts its default (last) submodel, a WaveNet its condition DSP too. jcm800 (standard): 13 320.
 */
export function estimateNamMacsPerSample(file: NamFile): number {
  switch (file.architecture) {
    case "WaveNet": {
      let macs = file.config.condition_dsp === null ? 0 : estimateNamMacsPerSample(file.config.condition_dsp);
      for (const layerConfig of file.config.layers) {
        const a = resolveWaveNetLayerArray(layerConfig);
        const { channels: c, bottleneck: b, conditionSize: cs, headInputSize: hout } = a;
        macs += c * a.inputSize;
        for (const layer of a.layers) {
          const zc = layer.zChannels;
          macs += zc * (c / a.groupsInput) * layer.kernelSize + zc * (cs / a.groupsInputMixin);
          if (a.layer1x1.active) macs += c * (b / a.layer1x1.groups);
          if (a.head1x1.active) macs += hout * (b / a.head1x1.groups);
          const rows = {
            conv_pre_film: c,
            conv_post_film: zc,
            input_mixin_pre_film: cs,
            input_mixin_post_film: zc,
            activation_pre_film: zc,
            activation_post_film: b,
            layer1x1_post_film: c,
            head1x1_post_film: hout,
          };
          for (const key of WAVENET_FILM_KEYS) {
            const film = a.films[key];
            if (film.active) macs += (film.shift ? 2 : 1) * rows[key] * (cs / film.groups) + rows[key];
          }
        }
        macs += a.headSize * hout * a.headKernelSize;
      }
      const head = file.config.head;
      const lastArray = file.config.layers.at(-1);
      if (head !== null && lastArray !== undefined) {
        let cin = resolveWaveNetLayerArray(lastArray).headSize;
        head.kernel_sizes.forEach((k, j) => {
          const cout = j === head.kernel_sizes.length - 1 ? head.out_channels : head.channels;
          macs += cout * cin * k;
          cin = cout;
        });
      }
      return macs;
    }
    case "LSTM": {
      const { hidden_size: h, input_size: i, num_layers: layers, out_channels: out } = file.config;
      let macs = out * h;
      for (let l = 0; l < layers; l++) macs += 4 * h * ((l === 0 ? i : h) + h);
      return macs;
    }
    case "ConvNet": {
      const { channels: c, dilations, groups, in_channels: inChannels, out_channels: out } = file.config;
      return dilations.reduce((sum, _, i) => sum + c * ((i === 0 ? inChannels : c) / groups) * 2, 0) + out * c;
    }
    case "Linear":
      return file.config.receptive_field * Math.min(file.config.in_channels, file.config.out_channels);
    case "SlimmableContainer": {
      const last = file.config.submodels.at(-1);
      return last === undefined ? 0 : estimateNamMacsPerSample(last.model);
    }
  }
}
